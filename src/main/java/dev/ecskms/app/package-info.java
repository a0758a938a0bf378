/** Composition root: the command line, and the wiring of simulator, API endpoint and console. */
package dev.ecskms.app;
