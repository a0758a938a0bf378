package dev.ecskms.sim.guest;

/** The outcome of a Cloud Assistant script: the exit code of its last command and everything it printed. */
public record ShellResult(int exitCode, String output) {
}
