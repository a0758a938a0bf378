package dev.ecskms.sim.guest;

/** What the guest asks of the hypervisor. Called outside the guest's lock, on the thread that caused it. */
public interface GuestHost {
    void requestReboot();

    void requestPowerOff();
}
