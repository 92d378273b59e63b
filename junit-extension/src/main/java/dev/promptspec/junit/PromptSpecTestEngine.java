package dev.promptspec.junit;

import dev.promptspec.baseline.BaselineException;
import dev.promptspec.baseline.BaselineReport;
import dev.promptspec.config.ConfigSource;
import dev.promptspec.config.Keys;
import dev.promptspec.config.ReportsLocation;
import dev.promptspec.config.SettingsReader;
import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.internal.util.Terminal;
import dev.promptspec.model.Timing;
import dev.promptspec.run.PromptCompiler;
import dev.promptspec.run.PromptRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.junit.platform.commons.util.ClassLoaderUtils;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * The JUnit Platform engine {@value Constants#ENGINE_ID}: runs {@code *.prompt.yml} files as tests.
 * Found by the platform through {@code META-INF/services}; users never reference it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PromptSpecTestEngine implements TestEngine {

    /** The reports' folder in the platform's output directory. */
    static final String REPORTS_FOLDER = "promptspec-reports";
    /** Where reports go when the platform offers no output directory: Maven's build directory, beside Surefire's. */
    static final String DEFAULT_REPORTS_DIR = "target/" + REPORTS_FOLDER;

    private final Function<String, String> environment;
    private final Timing timing;
    /** Where the progress line goes, and whether it is a terminal (what {@code promptspec.progress=auto} asks). */
    private final PrintStream console;
    private final boolean terminal;
    private final AtomicReference<SuiteShare> discovered = new AtomicReference<>(SuiteShare.NONE);
    private final AtomicReference<BaselineReport> lastBaseline = new AtomicReference<>();

    public PromptSpecTestEngine() {
        this(System::getenv, Timing.SYSTEM, System.err, Terminal.attached());
    }

    /**
     * For tests: an environment other than the process's, and the clock that retries and rate limits wait on (a fake
     * one runs backoff without waiting).
     */
    PromptSpecTestEngine(Function<String, String> environment, Timing timing) {
        this(environment, timing, System.err, false);
    }

    /** For tests: also the stream the progress line goes to, and whether it counts as a terminal. */
    PromptSpecTestEngine(Function<String, String> environment, Timing timing, PrintStream console, boolean terminal) {
        this.environment = environment;
        this.timing = timing;
        this.console = console;
        this.terminal = terminal;
    }

    /** For tests: a fixed environment. */
    static PromptSpecTestEngine withEnvironment(Map<String, String> env) {
        return withEnvironment(env, Timing.SYSTEM);
    }

    /** For tests: a fixed environment and timing. */
    static PromptSpecTestEngine withEnvironment(Map<String, String> env, Timing timing) {
        return new PromptSpecTestEngine(env::get, timing);
    }

    @Override
    public String getId() {
        return Constants.ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.promptspec");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("promptspec-junit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        Optional<String> unsupported = PlatformFeatures.unsupported();
        if (unsupported.isPresent()) {
            // The user's own tests still run: only this engine fails, with the versions found and the fix.
            return PromptSpecEngineDescriptor.failing(uniqueId, List.of(unsupported.get()));
        }
        SettingsReader.Settings settings = SettingsReader.read(settingsOf(request.getConfigurationParameters()), environment);
        if (settings.errors().isEmpty()) {
            // The HTTP client and the provider's mapping load while the prompt files are read, not at the first call.
            PromptRun.warmUpInBackground(settings.config());
        }
        EvaluatorRegistry registry = EvaluatorRegistry.load(ClassLoaderUtils.getDefaultClassLoader());
        DiscoveryProblems problems = DiscoveryProblems.of(request, uniqueId);
        List<String> errors = new ArrayList<>();
        settings.errors().forEach(e -> errors.add("PromptSpec configuration: " + e));
        for (String error : registry.loadErrors()) {
            if (settings.config().strict()) {
                errors.add("PromptSpec evaluators: " + error + " (" + Keys.STRICT + "=true makes this an error)");
            } else {
                problems.warning("PromptSpec evaluators: " + error, null);
            }
        }
        BaselineReport baseline = null;
        if (errors.isEmpty() && settings.config().baseline().isPresent()) {
            try {
                baseline = baseline(settings.config().baseline().get());
            } catch (BaselineException e) {
                errors.add("PromptSpec configuration: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            // Nothing is discovered on a configuration nobody meant; the engine fails with every error, once.
            return PromptSpecEngineDescriptor.failing(uniqueId, errors);
        }
        PromptSpecEngineDescriptor engine = new PromptSpecEngineDescriptor(uniqueId, settings.config(), registry);
        engine.baseline(baseline);
        PromptCompiler compiler = new PromptCompiler(settings.config().limits(), registry).withStrict(settings.config().strict())
                .withSampling(List.of(settings.config().sampling()));
        ResourceScanning scanning = ResourceScanning.ofPlatform();
        EngineDiscoveryRequestResolver.<PromptSpecEngineDescriptor>builder()
                .addSelectorResolver(ctx -> new PromptContainerResolver(ctx.getClassNameFilter(), ctx.getPackageFilter(), scanning))
                .addSelectorResolver(ctx -> new PromptSpecSelectorResolver(uniqueId, compiler, problems, settings.config(),
                        ClassLoaderUtils::getDefaultClassLoader, scanning))
                .build()
                .resolve(request, engine);
        StandaloneFiles.dropThoseAClassRuns(engine);
        EmptyClasses.failEach(engine);
        if (settings.config().shard().isPresent() || baseline != null) {
            // Only these need the whole suite listed: a plain run skips the work. The suite is everything this engine
            // discovered: Surefire discovers each class alone first, then only the classes that hold a test, so a class
            // whose cases are all in other shards is missing from the last discovery, not from the suite.
            engine.suite(discovered.accumulateAndGet(SuiteShare.keep(engine, settings.config().shard()), SuiteShare::plus));
        }
        return engine;
    }

    /** The baseline report, read once however many discoveries (Surefire's: one per class, then the run's) ask for it. */
    private BaselineReport baseline(Path path) {
        BaselineReport last = lastBaseline.get();
        if (last != null && last.path().equals(path)) {
            return last;
        }
        BaselineReport read = BaselineReport.read(path);
        lastBaseline.set(read);
        return read;
    }

    /**
     * Runs the tree: every case concurrently on the run's scheduler, each reported when it really starts and ends (see
     * {@link RunExecution}). JUnit's own hierarchical executor would report the cases one by one in tree order, each
     * test's time then being the time it waited for its result.
     */
    @Override
    public void execute(ExecutionRequest request) {
        PromptSpecEngineDescriptor root = (PromptSpecEngineDescriptor) request.getRootTestDescriptor();
        Supplier<Optional<Path>> reports = () -> reportsDirectory(root.config().reports(), () -> PlatformFeatures.outputRoot(request));
        boolean ci = environment.apply("CI") != null;
        Optional<PrintStream> progress = root.config() != null && root.config().progress().shown(terminal, ci)
                ? Optional.of(console) : Optional.empty();
        new RunExecution(root, request.getEngineExecutionListener(), PlatformFeatures.cancellation(request), timing, reports,
                progress).run();
    }

    /**
     * Where the reports go: {@value Keys#REPORTS_DIR} when set ({@code none}: nowhere); else {@value #REPORTS_FOLDER}
     * in the output directory the platform gives the run ({@code junit.platform.reporting.output.dir}; by default
     * {@code target} in a Maven project, {@code build} in a Gradle one); else, when it gives none, {@value #DEFAULT_REPORTS_DIR}.
     */
    static Optional<Path> reportsDirectory(ReportsLocation configured, Supplier<Optional<Path>> platformOutputRoot) {
        if (!configured.enabled()) {
            return Optional.empty();
        }
        if (configured.directory().isPresent()) {
            return configured.directory();
        }
        return Optional.of(platformOutputRoot.get().map(root -> root.resolve(REPORTS_FOLDER))
                .orElse(Path.of(DEFAULT_REPORTS_DIR)));
    }

    /**
     * JUnit's configuration parameters (explicit launcher parameters, then system properties, then
     * {@code junit-platform.properties}) as PromptSpec's configuration: the engine's only contact with configuration.
     */
    private static ConfigSource settingsOf(ConfigurationParameters parameters) {
        return ConfigSource.of(parameters::get, parameters::keySet);
    }
}
