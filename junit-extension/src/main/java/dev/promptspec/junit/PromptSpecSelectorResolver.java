package dev.promptspec.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.promptspec.config.Keys;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import dev.promptspec.run.CompiledPrompt;
import dev.promptspec.run.ModelSelection;
import dev.promptspec.run.PromptCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves every selector through unique ids: a class selects its files' ids, a class-path folder its files' ids, a file
 * its cases' ids, and a unique id is resolved by resolving its parent first. So rerunning one case by id (what IDEs do)
 * builds only that case's branch of the tree. Packages and class-path roots come here as the classes and class-path
 * resources {@link PromptContainerResolver} finds in them.
 *
 * <pre>
 * [engine:promptspec]/[class:com.acme.CqrsPromptTest]/[file:prompts/cqrs.prompt.yml]/[case:#1]
 * [engine:promptspec]/[file:prompts/cqrs.prompt.yml]/[case:flash sale]      (a classpath resource selected alone)
 * [engine:promptspec]/[path:src/test/resources/prompts/cqrs.prompt.yml]/[case:#2]   (a file selected on disk)
 * [engine:promptspec]/[file:prompts/cqrs.prompt.yml]/[case:flash sale]/[model:gpt-4o-mini]   (a case on one of several models)
 * </pre>
 */
final class PromptSpecSelectorResolver implements SelectorResolver {

    private final PromptCompiler compiler;
    private final DiscoveryProblems problems;
    /** {@value Constants#STRICT}: warnings fail the file or class they are about. */
    private final boolean strict;
    /** The platform's default class loader, which its scanning uses too: files are read from where they were found. */
    private final Supplier<ClassLoader> classLoader;
    private final ResourceScanning scanning;
    private final UniqueId engineId;
    /** The run's configuration: which models cases run on. */
    private final RunConfig config;
    /**
     * Each file compiled once per discovery and test class, however many selectors reach it: the key is the class
     * name (empty for a file selected alone) and the file, because {@code uses: java:<name>} resolves against the
     * class's own {@code @PromptEvaluator} methods.
     */
    private final Map<String, CompiledPrompt> compiled = new ConcurrentHashMap<>();
    /** Per test class: the compiler that knows its {@code @PromptEvaluator} methods. */
    private final Map<Class<?>, PromptCompiler> classCompilers = new ConcurrentHashMap<>();
    private final PromptCompiler classlessCompiler;

    PromptSpecSelectorResolver(UniqueId engineId, PromptCompiler compiler, DiscoveryProblems problems, RunConfig config,
            Supplier<ClassLoader> classLoader, ResourceScanning scanning) {
        this.engineId = engineId;
        this.config = config;
        this.compiler = compiler;
        this.classlessCompiler = compiler.withNamedEvaluators(NamedEvaluators.builder().hint("this file was selected on its own,"
                + " not through a @PromptSpec class, so no @PromptEvaluator methods are visible; run it through its test class").build());
        this.problems = problems;
        this.strict = config.strict();
        this.classLoader = classLoader;
        this.scanning = scanning;
    }

    static boolean isPromptSpecClass(Class<?> c) {
        return AnnotationSupport.isAnnotated(c, PromptSpec.class) && !c.isAnnotation();
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> c;
        try {
            c = selector.getJavaClass();
        } catch (RuntimeException e) {
            return Resolution.unresolved();
        }
        if (!isPromptSpecClass(c)) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(new PromptClassDescriptor(
                        parent.getUniqueId().append(PromptClassDescriptor.SEGMENT, c.getName()), c)))
                .map(d -> Resolution.match(Match.exact(d, () -> fileSelectors(d))))
                .orElse(Resolution.unresolved());
    }

    private Set<DiscoverySelector> fileSelectors(PromptClassDescriptor d) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        PromptSpec annotation = AnnotationSupport.findAnnotation(d.testClass(), PromptSpec.class).orElseThrow();
        // no location at all: EmptyClasses fails the class
        for (String location : annotation.value()) {
            // A file is selected by its name whether or not it exists: a missing one compiles to a failing node that says so.
            List<String> found = PromptFiles.isPromptFile(location) ? List.of(PromptFiles.normalize(location))
                    : PromptFiles.inFolder(location, scanning);
            if (found.isEmpty()) {
                // A folder without prompt files becomes a failing node named after it, so the build says what is wrong.
                selectors.add(selectUniqueId(d.getUniqueId().append(PromptFileDescriptor.SEGMENT, location)));
            }
            for (String name : found) {
                selectors.add(selectUniqueId(d.getUniqueId().append(PromptFileDescriptor.SEGMENT, name)));
            }
        }
        return selectors;
    }

    /**
     * A prompt file (with a line: the case holding it), or a folder: every prompt file below it, each alone under the
     * engine ({@code @SelectClasspathResource("prompts")}); anything else is not PromptSpec's.
     */
    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        String name = PromptFiles.normalize(selector.getClasspathResourceName());
        if (PromptFiles.isPromptFile(name)) {
            UniqueId fileId = engineId.append(PromptFileDescriptor.SEGMENT, name);
            return selectFileOrCase(fileId, selector.getPosition().map(FilePosition::getLine));
        }
        if (!PromptFiles.isFolder(name, classLoader.get())) {
            return Resolution.unresolved();
        }
        Set<DiscoverySelector> files = new LinkedHashSet<>();
        for (String file : PromptFiles.inFolder(name, scanning)) {
            files.add(selectUniqueId(engineId.append(PromptFileDescriptor.SEGMENT, file)));
        }
        return files.isEmpty() ? Resolution.unresolved() : Resolution.selectors(files);
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path path = selector.getPath();
        if (!PromptFiles.isPromptFile(path.getFileName().toString()) || !Files.isRegularFile(path)) {
            return Resolution.unresolved();
        }
        UniqueId fileId = engineId.append(PromptFileDescriptor.PATH_SEGMENT, displayPath(path));
        return selectFileOrCase(fileId, selector.getPosition().map(FilePosition::getLine));
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        Path dir = selector.getPath();
        if (!Files.isDirectory(dir)) {
            return Resolution.unresolved();
        }
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (Path p : PromptFiles.inDirectory(dir)) {
            selectors.add(selectUniqueId(engineId.append(PromptFileDescriptor.PATH_SEGMENT, displayPath(p))));
        }
        return selectors.isEmpty() ? Resolution.unresolved() : Resolution.selectors(selectors);
    }

    /** A whole file, or (for a selector with a line, as IDEs send) the case whose entry holds that line. */
    private Resolution selectFileOrCase(UniqueId fileId, Optional<Integer> line) {
        if (line.isPresent()) {
            Optional<TestCase> tc = compiledFor(fileId, null).flatMap(cp -> cp.file()).flatMap(f -> f.testData().stream()
                    .filter(t -> t.position().file().equals(f.source().name())) // data-file rows have lines of their own
                    .filter(t -> t.position().line() <= line.get()).reduce((a, b) -> b));
            if (tc.isPresent()) {
                return Resolution.selectors(Set.of(selectUniqueId(fileId.append(PromptCaseDescriptor.SEGMENT, tc.get().key()))));
            }
        }
        return Resolution.selectors(Set.of(selectUniqueId(fileId)));
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> segments = id.getSegments();
        if (!id.hasPrefix(engineId) || segments.size() < 2) {
            return Resolution.unresolved();
        }
        UniqueId.Segment last = id.getLastSegment();
        UniqueId parentId = id.removeLastSegment();
        switch (last.getType()) {
            case PromptClassDescriptor.SEGMENT -> {
                if (segments.size() != 2) {
                    return Resolution.unresolved();
                }
                return ReflectionSupport.tryToLoadClass(last.getValue(), classLoader.get()).toOptional()
                        .filter(PromptSpecSelectorResolver::isPromptSpecClass)
                        .map(c -> resolve(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(c), context))
                        .orElse(Resolution.unresolved());
            }
            case PromptFileDescriptor.SEGMENT, PromptFileDescriptor.PATH_SEGMENT -> {
                Optional<PromptFileDescriptor> file = context.addToParent(() -> selectUniqueId(parentId),
                        parent -> compiledFor(id, parent).map(this::checked).map(cp ->
                                new PromptFileDescriptor(parent.getUniqueId().append(last.getType(), last.getValue()), cp,
                                        modelsOf(cp, parent))));
                return file.map(f -> Resolution.match(Match.exact(f, () -> caseSelectors(f)))).orElse(Resolution.unresolved());
            }
            case PromptSampleDescriptor.SEGMENT -> {
                // A sample (a dynamic test) selected alone, as an IDE reruns one: its case runs, with every sample.
                return Resolution.selectors(Set.of(selectUniqueId(parentId)));
            }
            case PromptCaseDescriptor.SEGMENT -> {
                return context.addToParent(() -> selectUniqueId(parentId),
                                parent -> parent instanceof PromptFileDescriptor f ? f.createCase(last.getValue()) : Optional.empty())
                        .map(c -> Resolution.match(c instanceof CaseModelsDescriptor m ? Match.exact(m, m::modelSelectors) : Match.exact(c)))
                        .orElse(Resolution.unresolved());
            }
            case PromptCaseDescriptor.MODEL_SEGMENT -> {
                return context.addToParent(() -> selectUniqueId(parentId),
                                parent -> parent instanceof CaseModelsDescriptor m ? m.createModel(last.getValue()) : Optional.empty())
                        .map(c -> Resolution.match(Match.exact(c)))
                        .orElse(Resolution.unresolved());
            }
            default -> {
                return Resolution.unresolved();
            }
        }
    }

    /**
     * The models each case of the file runs on ({@link ModelSelection#modelsOf}); none for a file whose class has a
     * {@code @PromptModel}, whose one model answers every request whatever model it names.
     */
    private List<String> modelsOf(CompiledPrompt cp, TestDescriptor parent) {
        if (cp.file().isEmpty() || parent instanceof PromptClassDescriptor c && ClassModels.declares(c.testClass())) {
            return List.of();
        }
        return ModelSelection.modelsOf(cp.file().get(), config);
    }

    private Set<DiscoverySelector> caseSelectors(PromptFileDescriptor f) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        f.prompt().file().ifPresent(pf -> pf.testData().forEach(tc ->
                selectors.add(selectUniqueId(f.getUniqueId().append(PromptCaseDescriptor.SEGMENT, tc.key())))));
        return selectors;
    }

    /**
     * The compiled file a file id names. A classpath name that resolves to nothing still compiles: to a
     * file that cannot run and says why.
     */
    private Optional<CompiledPrompt> compiledFor(UniqueId fileId, TestDescriptor parent) {
        UniqueId.Segment s = fileId.getLastSegment();
        String name = s.getValue();
        if (s.getType().equals(PromptFileDescriptor.PATH_SEGMENT)) {
            Path p = Path.of(name);
            if (!Files.isRegularFile(p)) {
                return Optional.of(missing(name, "no prompt file at " + p.toAbsolutePath(), "Check the path (it is relative to "
                        + Path.of("").toAbsolutePath() + ")"));
            }
            return Optional.of(compiled.computeIfAbsent(cacheKey(parent, "path:" + name),
                    k -> compilerFor(parent).compile(PromptFiles.onDisk(p, name))));
        }
        if (!s.getType().equals(PromptFileDescriptor.SEGMENT)) {
            return Optional.empty();
        }
        CompiledPrompt cp = compiled.get(cacheKey(parent, name));
        if (cp != null) {
            return Optional.of(cp);
        }
        ClassLoader loader = classLoader.get();
        Optional<PromptSource> source = PromptFiles.isPromptFile(name) ? PromptFiles.classpathResource(name, loader) : Optional.empty();
        if (source.isEmpty()) {
            if (!PromptFiles.isPromptFile(name) && !PromptFiles.inFolder(name, scanning).isEmpty()) {
                return Optional.empty(); // a folder: its files are selected one by one
            }
            String owner = parent instanceof PromptClassDescriptor c ? "@PromptSpec(\"" + name + "\") on " + c.testClass().getName() : name;
            if (PromptFiles.isFolder(name, loader)) {
                return Optional.of(missing(name, owner + ": the folder '" + name + "' on the class path holds no prompt file",
                        "Name prompt files *.prompt.yml or *.prompt.yaml"));
            }
            return Optional.of(missing(name, owner + ": no prompt file or folder '" + name + "' on the class path",
                    "Put it under src/test/resources/" + name + " (locations are classpath paths, without 'src/test/resources'),"
                            + " and name prompt files *.prompt.yml or *.prompt.yaml"));
        }
        CompiledPrompt fresh = compilerFor(parent).compile(source.get());
        CompiledPrompt previous = compiled.putIfAbsent(cacheKey(parent, name), fresh);
        return Optional.of(previous != null ? previous : fresh);
    }

    private static String cacheKey(TestDescriptor parent, String file) {
        return (parent instanceof PromptClassDescriptor c ? c.testClass().getName() : "") + "\u0000" + file;
    }

    /**
     * The compiler for files of {@code parent}'s class (its {@code @PromptEvaluator} methods added), or, for a file
     * selected on its own, one whose {@code java:} errors say that methods are only found through a class.
     */
    private PromptCompiler compilerFor(TestDescriptor parent) {
        if (!(parent instanceof PromptClassDescriptor c)) {
            return classlessCompiler;
        }
        return classCompilers.computeIfAbsent(c.testClass(), testClass -> {
            MethodEvaluators.Found found = MethodEvaluators.of(testClass);
            for (MethodEvaluators.Issue issue : found.issues()) {
                if (strict) {
                    c.fail(issue.message() + " (" + Keys.STRICT + "=true makes this an error)");
                } else {
                    problems.warning(issue.message(), MethodSource.from(issue.method()));
                }
            }
            // @PromptSpec(samples = ..., passRate = ..., confidence = ...) sits between the files and the configuration.
            PromptSpec annotation = AnnotationSupport.findAnnotation(testClass, PromptSpec.class).orElseThrow();
            ClassSampling.problems(annotation, testClass).forEach(c::fail);
            List<dev.promptspec.sampling.SamplingSettings> levels = new ArrayList<>();
            levels.add(ClassSampling.of(annotation, testClass));
            levels.addAll(compiler.samplingLevels());
            return compiler.withNamedEvaluators(found.evaluators()).withSampling(levels);
        });
    }

    private CompiledPrompt missing(String name, String message, String fix) {
        PromptSource none = new PromptSource(name, java.net.URI.create("classpath:" + name.replace(" ", "%20")), Optional.empty(), "");
        return new CompiledPrompt(none, Optional.empty(), List.of(), List.of(Problem.error(Position.of(name), message, fix)));
    }

    /**
     * The file as its descriptor runs it. The warnings of a file that runs are discovery issues at their line; a file
     * that cannot run reports nothing here, since its failing test lists every problem and one report of each is enough. The compiler already made the file's own
     * warnings errors under {@value Constants#STRICT}; tags JUnit cannot represent are this engine's to add.
     */
    private CompiledPrompt checked(CompiledPrompt cp) {
        List<Problem> tagWarnings = new ArrayList<>();
        cp.file().ifPresent(f -> {
            Set<String> names = new LinkedHashSet<>(f.tags());
            f.testData().forEach(tc -> names.addAll(tc.tags()));
            for (String bad : Tags.invalid(names)) {
                tagWarnings.add(Problem.warning(Position.of(cp.source().name()), "tag '" + bad + "' is not a valid JUnit tag"
                        + " (no spaces, commas, parentheses, &, |, !) and is ignored", "Rename it, e.g. with - for spaces"));
            }
        });
        if (strict && !tagWarnings.isEmpty()) {
            List<Problem> all = new ArrayList<>(cp.problems());
            tagWarnings.forEach(w -> all.add(w.asError(Keys.STRICT + "=true makes warnings errors")));
            return new CompiledPrompt(cp.source(), Optional.empty(), List.of(), all);
        }
        if (!cp.isRunnable()) {
            return cp; // its failing test lists every problem, warnings included
        }
        cp.problems().stream().filter(p -> !p.isError()).forEach(w -> problems.warning(w.format(), Sources.ofProblem(cp.source(), w.position())));
        tagWarnings.forEach(w -> problems.warning(w.format(), Sources.ofProblem(cp.source(), w.position())));
        return cp;
    }

    /** A path relative to the working directory when it is inside it (stable ids across machines), else absolute. */
    static String displayPath(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
