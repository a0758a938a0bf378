package dev.ecskms.sim.ecs;

/**
 * The live console of one instance, as the VNC-like panel uses it: the guest's framebuffer (the same pixels
 * GetInstanceScreenshot encodes) and its keyboard. It follows the instance across reboots; while the instance is
 * not running the screen is black and keys go nowhere.
 */
public interface InstanceConsole {
    int width();

    int height();

    /** ARGB pixels, row by row. */
    int[] pixels();

    /** Changes whenever the picture may have changed (new frame, reboot, stop); poll it to repaint. */
    long version();

    /** Running, Stopped … and, while running, the guest's own state (e.g. "login", "shell", "hung"). */
    String status();

    void type(String text);

    void pressEnter();

    void pressBackspace();

    /** The Up arrow key: a Linux shell recalls its previous command line. */
    void pressUp();

    /** The Down arrow key: a Linux shell shows its next command line. */
    void pressDown();

    void ctrlAltDel();
}
