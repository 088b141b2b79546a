/**
 * The {@code massmap} command line (picocli). Each command parses options, resolves the layered
 * configuration once into validated records, runs, and writes its outputs atomically. Options that
 * mirror a configuration key carry that key as their {@code descriptionKey}, so the value shown by
 * {@code --help} is the value in effect and a command-line flag overrides the same key;
 * {@code OptionDeclarationsTest} checks each such option against the key's declaration. A
 * {@link org.massmap.config.SettingException} anywhere is a usage error, exit code 2.
 */
package org.massmap.cli;
