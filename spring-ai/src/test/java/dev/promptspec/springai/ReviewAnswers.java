package dev.promptspec.springai;

/** A realistic, complete review, as the fake model gives it. */
final class ReviewAnswers {

    static final String REVIEW = """
            ## Verdict

            The design holds for the expected load, provided inventory reservations move off the order database. A single \
            PostgreSQL primary taking every reservation becomes the bottleneck well before 10k orders per second.

            ## Risks

            - **Hot SKUs:** a handful of discounted items receive most reservations; row locks on them serialize the write \
            path.
            - **Payment retries:** the payment gateway retries webhooks for up to 24 hours; without idempotency keys an \
            order can be confirmed twice.
            - **Read-after-write:** customers refresh the order page right after checkout; a replica lagging by seconds shows \
            "order not found".

            ## Next steps

            1. Shard inventory by SKU and reserve with optimistic concurrency.
            2. Store an idempotency key per payment attempt and reject duplicates.
            3. Serve the order page from the primary for the first minute after checkout.""";

    private ReviewAnswers() {
    }
}
