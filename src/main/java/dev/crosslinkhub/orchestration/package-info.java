/**
 * Orchestration: plans of phases and stages, one execution at a time, and the stage transitions
 * (pending → running → done/failed/skipped/blocked, retry) each announced as {@code execution_progress}.
 */
package dev.crosslinkhub.orchestration;
