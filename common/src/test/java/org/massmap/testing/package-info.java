/**
 * Test support shared by every module through massmap-common's test jar: the {@link
 * org.massmap.testing.SlowTest} marker that splits the fast tests ({@code mvn test}) from the slow
 * ones ({@code mvn verify}).
 */
package org.massmap.testing;
