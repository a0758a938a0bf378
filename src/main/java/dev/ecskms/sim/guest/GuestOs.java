package dev.ecskms.sim.guest;

/** One operating system running in a {@link GuestMachine}; called under the machine's lock. */
interface GuestOs {
    void boot();

    void type(char c);

    void pressEnter();

    void pressBackspace();

    /** Up: the previous line of the shell's history; a guest without a command line ignores it. */
    default void pressUp() {
    }

    /** Down: the next line of the shell's history; a guest without a command line ignores it. */
    default void pressDown() {
    }

    void ctrlAltDel();

    void stop();

    ShellResult runShellScript(String script);

    boolean booted();

    String state();

    /** What the screen shows, as text (for tests and accessibility). */
    String screenText();

    /** Requests the guest makes of its host; the machine runs them after releasing its lock. */
    interface Requests {
        void reboot();

        void powerOff();
    }
}
