package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.Keys;
import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.NamedEvaluator;
import dev.promptspec.eval.Verdict;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.WordBudgetFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** {@code uses: java:<name>} through the engine: @PromptEvaluator methods and ServiceLoader registrations. */
class JavaEvaluatorsEngineTest {

    static final String SHIPPED = """
            Your order 48213 shipped on 18 November 2025 with UPS (tracking 1Z999AA10123456784) and should arrive on 21 November.

            Kind regards,
            Northwind Support""";
    static final String NO_ORDER = """
            I couldn't find an order number in your message. Could you reply with the 5-digit number from your order \
            confirmation email? I'll check the status right away.

            Kind regards,
            Northwind Support""";

    private static final Pattern ORDER_ID = Pattern.compile("\\b\\d{5}\\b");

    /** Evaluators shared by inheritance. */
    static class OrderIdChecks {

        @PromptEvaluator
        static boolean orderIdPresent(String response) {
            return ORDER_ID.matcher(response).find();
        }
    }

    @PromptSpec("prompts/java-evaluators/order-status.prompt.yml")
    static class OrderStatus extends OrderIdChecks {

        @PromptEvaluator
        static Verdict politeSignOff(EvaluationContext context) {
            String[] lines = context.response().split("\n");
            String closing = lines.length >= 2 ? lines[lines.length - 2].strip() : "";
            return Verdict.of(closing.equals("Kind regards,"), "closing line is '" + closing + "'");
        }
    }

    /** The same file, with this class's own, laxer idea of an order id. */
    @PromptSpec("prompts/java-evaluators/order-status.prompt.yml")
    static class OrderStatusLenient extends SignOffChecks {

        @PromptEvaluator
        static boolean orderIdPresent(String response) {
            return response.contains("order");
        }
    }

    /** More evaluators shared by inheritance; the name differs from the method's. */
    static class SignOffChecks {

        @PromptEvaluator("politeSignOff")
        static boolean endsWithSignature(String response) {
            return response.endsWith("Northwind Support");
        }
    }

    @PromptSpec("prompts/java-evaluators/order-status.prompt.yml")
    static class BuggyEvaluator extends OrderIdChecks {

        @PromptEvaluator
        static boolean politeSignOff(String response) {
            throw new IllegalStateException("sign-off rules not loaded");
        }
    }

    @PromptSpec("prompts/java-evaluators/typo.prompt.yml")
    static class Misspelt extends OrderIdChecks {
    }

    @PromptSpec("prompts/java-evaluators/typo.prompt.yml")
    static class NotStatic {

        @PromptEvaluator
        boolean orderIdPresnt(String response) {
            return ORDER_ID.matcher(response).find();
        }
    }

    /** A Java evaluator negated with {@code not:}. */
    @PromptSpec("prompts/java-evaluators/private-tracking.prompt.yml")
    static class PrivateTracking {

        @PromptEvaluator
        static boolean quotesTrackingNumber(String response) {
            return response.contains("tracking 1Z");
        }
    }

    /** The same file, with a method that answers nothing: negated, that must not pass. */
    @PromptSpec("prompts/java-evaluators/private-tracking.prompt.yml")
    static class UndecidedTracking {

        @PromptEvaluator
        static Boolean quotesTrackingNumber(String response) {
            return null;
        }
    }

    /** Reads the testData key orderId without saying so: PromptSpec sees a key that nothing reads. */
    @PromptSpec("prompts/java-evaluators/quotes-order.prompt.yml")
    static class QuotesOrderUndeclared {

        @PromptEvaluator
        static Verdict quotesOrderNumber(EvaluationContext context) {
            String orderId = context.variables().get("orderId");
            return Verdict.of(context.response().contains(orderId), "looks for order " + orderId);
        }
    }

    /** The same evaluator, declaring the variable it reads. */
    @PromptSpec("prompts/java-evaluators/quotes-order.prompt.yml")
    static class QuotesOrderDeclared {

        @PromptEvaluator(reads = "orderId")
        static Verdict quotesOrderNumber(EvaluationContext context) {
            String orderId = context.variables().get("orderId");
            return Verdict.of(context.response().contains(orderId), "looks for order " + orderId);
        }
    }

    /** Declares variables, one of which no entry provides, on a method that sees only the response. */
    @PromptSpec("prompts/java-evaluators/quotes-order.prompt.yml")
    static class QuotesOrderMisdeclared {

        @PromptEvaluator(reads = {"orderId", "orderNumber"})
        static boolean quotesOrderNumber(String response) {
            return ORDER_ID.matcher(response).find();
        }
    }

    /** The evaluator comes from a library: a NamedEvaluator registered through ServiceLoader. */
    @PromptSpec("prompts/java-evaluators/word-budget.prompt.yml")
    static class ShortReplies {
    }

    /** A library's evaluator, used by name. */
    public static final class LibraryOrderId implements NamedEvaluator {
        @Override
        public String name() {
            return "orderIdPresent";
        }

        @Override
        public Verdict evaluate(EvaluationContext context) {
            return Verdict.of(ORDER_ID.matcher(context.response()).find(), "library check for a 5-digit order id");
        }
    }

    @TempDir
    Path dir;
    private FakeOpenAiServer server;
    private ClassLoader originalLoader;

    @BeforeEach
    void startServer() throws Exception {
        server = FakeOpenAiServer.start(r -> new FakeOpenAiServer.Completion(r.lastMessage("user").contains("48213") ? SHIPPED : NO_ORDER));
        originalLoader = Thread.currentThread().getContextClassLoader();
    }

    @AfterEach
    void stopServer() {
        Thread.currentThread().setContextClassLoader(originalLoader);
        server.close();
    }

    private EngineTestKit.Builder engine(Class<?>... classes) {
        return EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(Map.of()))
                .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                .configurationParameter(Keys.RECORDINGS_DIR, dir.toString())
                .configurationParameter(Keys.MODE, "live")
                .selectors(java.util.Arrays.stream(classes).map(DiscoverySelectors::selectClass).toArray(org.junit.platform.engine.DiscoverySelector[]::new));
    }

    private static String failureMessage(Event e) {
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
    }

    private static List<String> failures(EngineExecutionResults results) {
        List<String> out = new ArrayList<>();
        results.testEvents().failed().stream().forEach(e -> out.add(e.getTestDescriptor().getDisplayName() + ": " + failureMessage(e)));
        return out;
    }

    /** A "library" whose META-INF/services registers the word-budget kind and a named evaluator, on the engine's class path. */
    private void putLibraryOnClassPath() throws Exception {
        Path services = dir.resolve("lib/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(EvaluatorFactory.class.getName()), WordBudgetFactory.class.getName() + "\n");
        Files.writeString(services.resolve(NamedEvaluator.class.getName()), LibraryOrderId.class.getName() + "\n");
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {dir.resolve("lib").toUri().toURL()}, originalLoader));
    }

    @Test
    void not_negates_a_java_evaluator_and_a_method_that_answers_null_fails_either_way() {
        EngineExecutionResults results = engine(PrivateTracking.class).execute();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(failures(results)).singleElement().asString()
                .startsWith("shipped: 1 of 1 check failed for 'shipped'")
                .contains("[FAIL] Keeps the tracking number private (not): the negated java:quotesTrackingNumber check holds, so"
                        + " this fails: PrivateTracking.quotesTrackingNumber(response) returned true");

        EngineExecutionResults undecided = engine(UndecidedTracking.class).execute();
        undecided.testEvents().assertStatistics(s -> s.started(2).succeeded(0).failed(2));
        assertThat(failures(undecided)).allSatisfy(f -> assertThat(f).contains("[FAIL] Keeps the tracking number private (not):"
                + " the evaluator threw java.lang.IllegalStateException: UndecidedTracking.quotesTrackingNumber(response) returned"
                + " null; return true or false, or a Verdict"));
    }

    @Test
    void static_methods_of_the_class_are_evaluators() {
        EngineExecutionResults results = engine(OrderStatus.class).execute();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(failures(results)).singleElement().asString()
                .startsWith("no order number: 1 of 2 checks failed for 'no order number'")
                .contains("[FAIL] Has order id (java:orderIdPresent): OrderIdChecks.orderIdPresent(response) returned false")
                .contains("[pass] Signed off politely (java:politeSignOff): closing line is 'Kind regards,'");
    }

    @Test
    void the_same_file_under_two_classes_uses_each_class_s_own_evaluators() {
        EngineExecutionResults results = engine(OrderStatus.class, OrderStatusLenient.class).execute();
        results.testEvents().assertStatistics(s -> s.started(4).succeeded(3).failed(1));
        results.testEvents().failed().assertThatEvents().singleElement()
                .satisfies(e -> assertThat(e.getTestDescriptor().getUniqueId().toString()).contains("[class:" + OrderStatus.class.getName() + "]"));
        results.testEvents().succeeded().stream().filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("OrderStatusLenient"))
                .forEach(e -> assertThat(e.getTestDescriptor().getDisplayName()).isIn("shipped", "no order number"));
    }

    @Test
    void an_evaluator_that_throws_fails_its_check_with_the_stack_trace_and_the_run_goes_on() {
        EngineExecutionResults results = engine(BuggyEvaluator.class, OrderStatus.class).execute();
        results.testEvents().assertStatistics(s -> s.started(4).failed(3).succeeded(1));
        Event shipped = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("BuggyEvaluator") && e.getTestDescriptor().getDisplayName().equals("shipped"))
                .findFirst().orElseThrow();
        Throwable failure = shipped.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining(
                "[FAIL] Signed off politely (java:politeSignOff): the evaluator threw java.lang.IllegalStateException: sign-off rules not loaded");
        assertThat(failure.getSuppressed()).singleElement().satisfies(t -> {
            assertThat(t).isInstanceOf(IllegalStateException.class);
            assertThat(t.getStackTrace()[0].getMethodName()).isEqualTo("politeSignOff");
            assertThat(t.getStackTrace()[0].getClassName()).isEqualTo(BuggyEvaluator.class.getName());
        });
    }

    @Test
    void an_unknown_name_fails_the_file_at_its_line_with_did_you_mean() {
        EngineExecutionResults results = engine(Misspelt.class).execute();
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failures(results)).singleElement().asString()
                .contains("prompts/java-evaluators/typo.prompt.yml:10:11: error: no Java evaluator named 'orderIdPresnt'"
                        + " — did you mean 'orderIdPresent'? Available: java:orderIdPresent.");
    }

    @Test
    void a_file_selected_without_its_class_says_why_its_java_evaluators_are_missing() {
        EngineExecutionResults results = engine().selectors(DiscoverySelectors.selectClasspathResource(
                "prompts/java-evaluators/order-status.prompt.yml")).execute();
        assertThat(failures(results)).singleElement().asString()
                .contains("order-status.prompt.yml:15:11: error: no Java evaluator named 'orderIdPresent'")
                .contains("Note: this file was selected on its own, not through a @PromptSpec class, so no @PromptEvaluator methods"
                        + " are visible; run it through its test class");
    }

    @Test
    void a_non_static_evaluator_method_is_reported_at_the_method_and_where_it_is_used() {
        EngineDiscoveryResults discovery = engine(NotStatic.class).discover();
        assertThat(discovery.getDiscoveryIssues()).anySatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message()).isEqualTo("@PromptEvaluator " + NotStatic.class.getName() + ".orderIdPresnt cannot be used:"
                    + " it is not static (PromptSpec never creates instances of the test class); make it static");
            assertThat(issue.source()).get().isInstanceOf(MethodSource.class);
        });
        EngineExecutionResults results = engine(NotStatic.class).execute();
        assertThat(failures(results)).singleElement().asString().contains("typo.prompt.yml:10:11: error: java:orderIdPresnt cannot be used: "
                + NotStatic.class.getName() + ".orderIdPresnt it is not static");
    }

    @Test
    void evaluator_kinds_and_named_evaluators_from_libraries_are_found_through_service_loader() throws Exception {
        putLibraryOnClassPath();

        EngineExecutionResults results = engine(ShortReplies.class).execute();
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        // the same file without the library: its kind is unknown
        Thread.currentThread().setContextClassLoader(originalLoader);
        EngineExecutionResults without = engine(ShortReplies.class).execute();
        assertThat(failures(without)).singleElement().asString()
                .contains("word-budget.prompt.yml:10:5: error: unknown evaluator kind 'wordBudget'");
    }

    @Test
    void a_provider_that_cannot_load_is_a_discovery_warning_and_the_rest_still_runs() throws Exception {
        Path services = dir.resolve("broken/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(EvaluatorFactory.class.getName()), "com.acme.prompts.NoSuchFactory\n");
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {dir.resolve("broken").toUri().toURL()}, originalLoader));
        EngineDiscoveryResults discovery = engine(OrderStatus.class).discover();
        assertThat(discovery.getDiscoveryIssues()).anySatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message()).startsWith("PromptSpec evaluators: an EvaluatorFactory listed in"
                    + " META-INF/services/dev.promptspec.eval.EvaluatorFactory failed to load: java.util.ServiceConfigurationError:")
                    .contains("com.acme.prompts.NoSuchFactory not found");
        });
        engine(OrderStatus.class).execute().testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    }

    @Test
    void a_failing_library_kind_reports_what_it_found() throws Exception {
        server.respondWith(r -> new FakeOpenAiServer.Completion(NO_ORDER + "\n\nP.S. " + "Thanks for your patience. ".repeat(6)));
        putLibraryOnClassPath();
        EngineExecutionResults results = engine(ShortReplies.class).execute();
        assertThat(failures(results)).singleElement().asString()
                .contains("[FAIL] At most 40 words (wordBudget): 56 words; at most 40 allowed")
                .contains("[FAIL] Has order id (java:orderIdPresent): library check for a 5-digit order id");
    }

    @Test
    void variables_an_evaluator_method_declares_count_as_read() {
        String unused = "prompts/java-evaluators/quotes-order.prompt.yml:10:5: warning: testData key 'orderId' is not used by any"
                + " message or evaluator";
        assertThat(engine(QuotesOrderUndeclared.class).discover().getDiscoveryIssues()).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).startsWith(unused));

        assertThat(engine(QuotesOrderDeclared.class).discover().getDiscoveryIssues()).isEmpty();
        EngineExecutionResults results = engine(QuotesOrderDeclared.class).execute();
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void declared_variables_are_checked_like_a_yaml_evaluator_s() {
        assertThat(engine(QuotesOrderMisdeclared.class).discover().getDiscoveryIssues()).extracting(DiscoveryIssue::message)
                .containsExactlyInAnyOrder("@PromptEvaluator " + QuotesOrderMisdeclared.class.getName() + ".quotesOrderNumber"
                        + " declares reads = [orderId, orderNumber] but takes only the response, so it reads no variable; take an"
                        + " EvaluationContext to read them, or remove 'reads'",
                        "prompts/java-evaluators/quotes-order.prompt.yml:13:5: warning: evaluator 'Quotes the order number' uses"
                        + " {{orderNumber}} but no testData entry provides it. Add 'orderNumber:' to the"
                        + " entries, or a value for every entry under defaults:");
    }
}
