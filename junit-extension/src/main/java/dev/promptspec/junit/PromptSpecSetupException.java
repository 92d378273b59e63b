package dev.promptspec.junit;

import java.util.List;

/**
 * The run cannot start: its configuration is wrong, or the JUnit Platform it runs on is too old. Thrown by the
 * engine's root so the run fails once, with every reason, before any model is called.
 */
final class PromptSpecSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PromptSpecSetupException(List<String> reasons) {
        super(message(reasons), null, false, false);
    }

    private static String message(List<String> reasons) {
        if (reasons.size() == 1) {
            return reasons.get(0);
        }
        StringBuilder sb = new StringBuilder("PromptSpec cannot run (").append(reasons.size()).append(" problems):");
        reasons.forEach(r -> sb.append("\n  - ").append(r));
        return sb.toString();
    }
}
