package org.dirstore.bench.report;

/**
 * One target of issue 5 against what was measured.
 *
 * @param target   the target as the issue states it
 * @param measured what was measured, in words and numbers
 * @param met      whether the target holds in this run
 * @param comment  what limits it and what would move it (or why it holds)
 */
public record TargetCheck(String target, String measured, boolean met, String comment) {
}
