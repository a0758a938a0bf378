package dev.ecskms.sim.guest;

/** The family of a guest operating system. */
public enum OsType {
    LINUX,
    WINDOWS
}
