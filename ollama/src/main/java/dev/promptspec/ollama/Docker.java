package dev.promptspec.ollama;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers finds a Docker environment. */
final class Docker {

    private Docker() {
    }

    static boolean isAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
