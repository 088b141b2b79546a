/**
 * Configuration: HOCON defaults (the repository's conf/ directory, bundled in the jar), a user file
 * and single key=value overrides, layered once ({@link org.massmap.config.ConfigLoader}), checked
 * against the one declaration of every key ({@link org.massmap.config.SettingRegistry}) and resolved
 * into validated immutable records (one reader per section: {@code MapSettings}, {@code SamplerConfig},
 * {@code TheoryConfig}, ...; section {@code training} in model-training's {@code TrainingSettings}).
 */
package org.massmap.config;
