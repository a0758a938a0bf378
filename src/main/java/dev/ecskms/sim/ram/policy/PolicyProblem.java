package dev.ecskms.sim.ram.policy;

/**
 * What is wrong with a policy document and where: line and column (1-based) of the offending element in the text
 * as written, for the editor to mark and the error message to name.
 */
public record PolicyProblem(int line, int column, String message) {
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
