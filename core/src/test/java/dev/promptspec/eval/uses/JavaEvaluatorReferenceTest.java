package dev.promptspec.eval.uses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.CheckResult;
import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.eval.NamedEvaluator;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.eval.Verdict;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.PromptRun;
import dev.promptspec.testing.FakeOpenAiServer;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uses: java:<name>}: evaluators registered through ServiceLoader or added for one run. */
class JavaEvaluatorReferenceTest {

    /** Registered through META-INF/services in {@link #registryWithServices}. */
    public static final class OrderIdPresent implements NamedEvaluator {
        private static final Pattern ORDER_ID = Pattern.compile("\\b\\d{5}\\b");

        @Override
        public String name() {
            return "orderIdPresent";
        }

        @Override
        public Verdict evaluate(EvaluationContext context) {
            return ORDER_ID.matcher(context.response()).find() ? Verdict.pass("mentions an order id")
                    : Verdict.fail("mentions no 5-digit order id");
        }
    }

    /** Registered too; crashes on every response, as buggy user code does. */
    public static final class Crashing implements NamedEvaluator {
        @Override
        public String name() {
            return "toneCheck";
        }

        @Override
        public Verdict evaluate(EvaluationContext context) {
            throw new IllegalStateException("tone model not initialised");
        }
    }

    private static final String YAML = """
            name: Order status
            model: gpt-4o-mini
            messages:
              - role: user
                content: "{{input}}"
            testData:
              - input: Where is order 48213?
            evaluators:
            %s
            """;

    @TempDir
    Path dir;

    private EvaluatorRegistry registryWithServices(String... providers) throws Exception {
        Path services = dir.resolve("classes/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(NamedEvaluator.class.getName()), String.join("\n", providers) + "\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
        return EvaluatorRegistry.load(loader);
    }

    private static CompiledPrompt compile(EvaluatorRegistry registry, String evaluators) {
        PromptSource source = new PromptSource("prompts/orders.prompt.yml", URI.create("classpath:prompts/orders.prompt.yml"),
                Optional.empty(), YAML.formatted(evaluators.indent(2).stripTrailing()));
        return new dev.promptspec.run.PromptCompiler(RunConfig.defaults().limits(), registry).compile(source);
    }

    private CaseResult run(EvaluatorRegistry registry, String evaluators, String answer) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.answering(answer);
                PromptRun run = new PromptRun(RunConfig.defaults().withMode(RecordingMode.LIVE).withRecordingsDir(dir)
                        .withEndpoint(new OpenAiEndpoint(URI.create(server.baseUrl()), null, null)), registry, Clock.systemUTC(), () -> false)) {
            CompiledPrompt prompt = compile(registry, evaluators);
            assertThat(prompt.errors()).isEmpty();
            return run.run(prompt, prompt.fileOrThrow().testData().get(0));
        }
    }

    @Test
    void a_service_loaded_evaluator_is_used_by_name() throws Exception {
        EvaluatorRegistry registry = registryWithServices(OrderIdPresent.class.getName());
        String evaluators = "- name: Has order id\n  uses: java:orderIdPresent";
        CaseResult ok = run(registry, evaluators, "Order 48213 shipped on 18 November with UPS.");
        assertThat(ok.checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Has order id");
            assertThat(c.passed()).isTrue();
            assertThat(c.verdict().detail()).isEqualTo("mentions an order id");
        });
        CaseResult bad = run(registry, evaluators, "Your parcel shipped on 18 November with UPS.");
        assertThat(bad.checks()).singleElement().satisfies(c -> assertThat(c.verdict().detail()).isEqualTo("mentions no 5-digit order id"));
    }

    @Test
    void an_evaluator_that_throws_fails_its_check_with_the_exception_and_the_others_still_run() throws Exception {
        EvaluatorRegistry registry = registryWithServices(OrderIdPresent.class.getName(), Crashing.class.getName());
        CaseResult r = run(registry, "- name: Friendly tone\n  uses: java:toneCheck\n- name: Has order id\n  uses: java:orderIdPresent",
                "Order 48213 shipped on 18 November with UPS.");
        assertThat(r.error()).isNull();
        CheckResult tone = r.checks().get(0);
        assertThat(tone.passed()).isFalse();
        assertThat(tone.verdict().detail()).isEqualTo("the evaluator threw java.lang.IllegalStateException: tone model not initialised");
        assertThat(tone.error()).isInstanceOf(IllegalStateException.class);
        assertThat(tone.error().getStackTrace()[0].getClassName()).isEqualTo(Crashing.class.getName());
        assertThat(r.checks().get(1).passed()).isTrue();
    }

    @Test
    void an_assertion_inside_a_java_evaluator_fails_the_check_with_its_message() throws Exception {
        EvaluatorRegistry registry = EvaluatorRegistry.load(getClass().getClassLoader()).withNamed(NamedEvaluators.builder()
                .add("mentionsCarrier", ctx -> {
                    assertThat(ctx.response()).as("carrier").containsAnyOf("UPS", "FedEx", "DHL");
                    return Verdict.pass("names the carrier");
                }, "test").build());
        CaseResult r = run(registry, "- name: Names the carrier\n  uses: java:mentionsCarrier", "Your parcel is on its way.");
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.verdict().detail()).startsWith("assertion failed: [carrier] ").contains("Your parcel is on its way.");
            assertThat(c.error()).isInstanceOf(AssertionError.class);
        });
    }

    @Test
    void an_unknown_name_is_a_load_error_with_did_you_mean_and_what_is_available() throws Exception {
        EvaluatorRegistry registry = registryWithServices(OrderIdPresent.class.getName(), "com.acme.MissingEvaluator");
        CompiledPrompt cp = compile(registry, "- name: Has order id\n  uses: java:orderIdPresnt");
        assertThat(cp.isRunnable()).isFalse();
        assertThat(cp.errors()).singleElement().extracting(Problem::format).asString()
                .startsWith("prompts/orders.prompt.yml:10:11: error: no Java evaluator named 'orderIdPresnt' — did you mean 'orderIdPresent'?"
                        + " Available: java:orderIdPresent. Annotate a static method of the @PromptSpec class with @PromptEvaluator")
                .contains("\nNote: a NamedEvaluator listed in META-INF/services/dev.promptspec.eval.NamedEvaluator failed to load:"
                        + " java.util.ServiceConfigurationError: dev.promptspec.eval.NamedEvaluator: Provider com.acme.MissingEvaluator not found");
    }

    /** not: refuses judges (their failure may mean "could not judge") but negates Java evaluators; a crash stays a failure. */
    @Test
    void not_negates_a_java_evaluator_and_a_crash_inside_it_still_fails() throws Exception {
        EvaluatorRegistry registry = registryWithServices(OrderIdPresent.class.getName(), Crashing.class.getName());
        String evaluators = "- name: Does not leak an order id\n  not: {uses: 'java:orderIdPresent'}";
        assertThat(run(registry, evaluators, "Your parcel shipped on 18 November with UPS.").checks()).singleElement()
                .satisfies(c -> {
                    assertThat(c.passed()).isTrue();
                    assertThat(c.verdict().detail()).isEqualTo("the negated java:orderIdPresent check does not hold, as required:"
                            + " mentions no 5-digit order id");
                });
        assertThat(run(registry, evaluators, "Order 48213 shipped on 18 November with UPS.").checks()).singleElement()
                .satisfies(c -> {
                    assertThat(c.passed()).isFalse();
                    assertThat(c.verdict().detail()).isEqualTo("the negated java:orderIdPresent check holds, so this fails:"
                            + " mentions an order id");
                });
        CheckResult crashed = run(registry, "- name: Not rude\n  not:\n    uses: java:toneCheck", "Order 48213 shipped.").checks().get(0);
        assertThat(crashed.passed()).as("a crash negated is not a pass").isFalse();
        assertThat(crashed.error()).isInstanceOf(IllegalStateException.class).hasMessage("tone model not initialised");
        assertThat(compile(registry, "- name: x\n  not: {uses: 'java:orderIdPresent', threshold: 0.5}").errors())
                .extracting(Problem::format).singleElement().asString()
                .startsWith("prompts/orders.prompt.yml:10:40: error: 'threshold' is not a setting of java:orderIdPresent");
    }

    @Test
    void java_evaluators_take_no_settings() throws Exception {
        EvaluatorRegistry registry = registryWithServices(OrderIdPresent.class.getName());
        CompiledPrompt cp = compile(registry, "- name: Has order id\n  uses: java:orderIdPresent\n  threshold: 0.5");
        assertThat(cp.errors()).extracting(Problem::format).singleElement().asString()
                .startsWith("prompts/orders.prompt.yml:11:5: error: 'threshold' is not a setting of java:orderIdPresent");
    }

    @Test
    void names_added_for_one_run_replace_registered_ones() throws Exception {
        EvaluatorRegistry registered = registryWithServices(OrderIdPresent.class.getName());
        EvaluatorRegistry forClass = registered.withNamed(NamedEvaluators.builder()
                .add("orderIdPresent", ctx -> Verdict.of(ctx.response().contains("#"), "class's own check"), "test class").build());
        CaseResult r = run(forClass, "- name: Has order id\n  uses: java:orderIdPresent", "Order 48213 shipped.");
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.verdict().detail()).isEqualTo("class's own check");
        });
        assertThat(registered.named().find("orderIdPresent").get().origin()).isEqualTo("NamedEvaluator " + OrderIdPresent.class.getName());
    }

    @Test
    void a_name_known_to_be_unusable_says_why() throws Exception {
        EvaluatorRegistry registry = EvaluatorRegistry.load(getClass().getClassLoader()).withNamed(NamedEvaluators.builder()
                .unusable("orderIdPresent", "static method com.acme.OrdersTest.orderIdPresent is not annotated @PromptEvaluator").build());
        assertThat(compile(registry, "- name: Has order id\n  uses: java:orderIdPresent").errors()).extracting(Problem::format)
                .singleElement().asString().startsWith("prompts/orders.prompt.yml:10:11: error: java:orderIdPresent cannot be used:"
                        + " static method com.acme.OrdersTest.orderIdPresent is not annotated @PromptEvaluator. Annotate");
    }
}
