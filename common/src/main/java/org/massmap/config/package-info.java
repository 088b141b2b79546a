/**
 * Configuration: HOCON defaults (the repository's conf/ directory, bundled in the jar), a user file
 * and single key=value overrides, layered once and resolved into validated immutable records.
 */
package org.massmap.config;
