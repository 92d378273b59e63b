package dev.promptspec.eval.regex;

/**
 * The response as the regex engine sees it, counting every character read. Java's regex engine reads
 * its input only through {@link CharSequence#charAt}, so the count is a machine-independent measure of
 * the work a pattern does; past the budget we stop it. A time limit would depend on the machine's load
 * and make verdicts flaky; a step budget does not.
 */
final class StepBoundedText implements CharSequence {

    /** Thrown when a pattern has read more characters than its budget allows. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** Characters left to read, shared by every line and sub-sequence of one check; one thread at a time. */
    static final class Budget {
        private long left;

        Budget(long steps) {
            this.left = steps;
        }

        void spend() {
            if (--left < 0) {
                throw new BudgetExceeded();
            }
        }
    }

    private final String text;
    private final int offset;
    private final int length;
    private final Budget budget;

    StepBoundedText(String text, Budget budget) {
        this(text, 0, text.length(), budget);
    }

    private StepBoundedText(String text, int offset, int length, Budget budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        budget.spend();
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new StepBoundedText(text, offset + start, end - start, budget);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
