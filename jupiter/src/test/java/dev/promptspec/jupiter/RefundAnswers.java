package dev.promptspec.jupiter;

import dev.promptspec.testing.FakeOpenAiServer;

/** Realistic, complete answers of the support bot (and its judge), as the fake model gives them. */
final class RefundAnswers {

    static final String LATE_PARCEL = """
            I'm sorry your jacket from order 48213 arrived late and in the wrong size. That is not the experience we want \
            you to have.

            ## What happens now

            Because the parcel arrived 9 days after the promised date, your order qualifies for our late-delivery policy, \
            and a wrong size can always be returned within 30 days of delivery. Once the jacket is back at our warehouse, \
            we refund the full price, shipping included.

            ## Next steps

            - **Return the jacket:** use the prepaid label in your order confirmation email and drop the parcel at any \
            post office.
            - **Tell us what you prefer:** reply with "refund" or "exchange" and, for an exchange, the size you need.
            - **Watch your inbox:** we confirm by email the day the return arrives; the refund reaches your original \
            payment method 5 to 7 business days later.

            If the label is missing from your email, reply here and I will send a new one.""";

    static final String DAMAGED_BOOTS = """
            I'm sorry the boots from order 51877 came apart after only two days. A torn sole is a manufacturing defect, \
            and it is covered by our quality guarantee.

            ## Next steps

            - **Send us a photo:** reply with a picture of the torn sole, so the returns team can register the defect.
            - **Return the boots:** we will email a prepaid label within one business day of receiving the photo.
            - **Get your money back:** the full price is refunded once the boots reach our warehouse, usually within a \
            week of drop-off.""";

    /** An answer that forgets the format: one plain bullet in "Next steps". */
    static final String TERSE = """
            Thanks for reaching out about order 48213. I have forwarded your request to our returns team, who will \
            contact you within two business days.

            ## Next steps

            - Wait for the returns team's email.""";

    /** The judge's verdict on a reply that promises nothing early. */
    static final String JUDGE_NO = """
            The reply says the refund is issued once the jacket is back at the warehouse, and that the money reaches \
            the customer after the return arrives. It does not promise a refund before the item is returned.

            no""";

    private RefundAnswers() {
    }

    /** The bot's answer to the ticket the request carries, or the judge's verdict when the request is a judge's. */
    static FakeOpenAiServer.Completion answer(FakeOpenAiServer.Received request) {
        String user = request.lastMessage("user");
        if (user != null && user.contains("<reply>")) {
            return new FakeOpenAiServer.Completion(JUDGE_NO);
        }
        if (user != null && user.contains("51877")) {
            return new FakeOpenAiServer.Completion(DAMAGED_BOOTS);
        }
        return new FakeOpenAiServer.Completion(LATE_PARCEL);
    }
}
