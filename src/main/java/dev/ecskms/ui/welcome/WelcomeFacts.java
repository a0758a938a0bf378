package dev.ecskms.ui.welcome;

/**
 * What only the launcher knows for the first-run welcome; the endpoint and the AccessKey id come from the session.
 *
 * @param dataDir            the data dir's absolute path
 * @param newAccessKeySecret the root AccessKey's secret if this very start generated it (printed once in the
 *                           terminal, and shown once here); null otherwise
 * @param secretGiven        whether the AccessKey came from the command line ({@code --access-key-id} with a secret)
 */
public record WelcomeFacts(String dataDir, String newAccessKeySecret, boolean secretGiven) {
}
