package dev.promptspec.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.ModuleSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Package, class-path root and module selections (what {@code --select-package}, {@code --scan-classpath},
 * {@code @SelectPackages} and an IDE's "run all tests in package" or "in module" send): the {@code @PromptSpec} classes
 * in them as class selections, and the prompt files in them as class-path resource selections, which
 * {@link PromptSpecSelectorResolver} runs. Both are found by the platform's scanning, in directories and jars, with the
 * request's class name and package name filters applied (package names to the folders prompt files are in).
 *
 * <p>One resolver finds both, rather than the platform's {@code addClassContainerSelectorResolver} next to its
 * {@code addResourceContainerSelectorResolver}: the platform resolves each selector with the first resolver that
 * resolves it, so whichever of those came first would hide what the other finds in the same package or root (and its
 * resource scan never returns class files).
 */
final class PromptContainerResolver implements SelectorResolver {

    private static final Predicate<Class<?>> IS_PROMPT_SPEC_CLASS = PromptSpecSelectorResolver::isPromptSpecClass;

    private final Predicate<String> classNames;
    private final Predicate<String> packageNames;
    private final ResourceScanning scanning;

    PromptContainerResolver(Predicate<String> classNames, Predicate<String> packageNames, ResourceScanning scanning) {
        this.classNames = classNames;
        this.packageNames = packageNames;
        this.scanning = scanning;
    }

    @Override
    public Resolution resolve(PackageSelector selector, Context context) {
        String name = selector.getPackageName();
        return selections(ReflectionSupport.findAllClassesInPackage(name, IS_PROMPT_SPEC_CLASS, classNames),
                scanning.inPackage(name, this::isPromptFileToRun));
    }

    @Override
    public Resolution resolve(ClasspathRootSelector selector, Context context) {
        return selections(ReflectionSupport.findAllClassesInClasspathRoot(selector.getClasspathRoot(), IS_PROMPT_SPEC_CLASS, classNames),
                scanning.inClasspathRoot(selector.getClasspathRoot(), this::isPromptFileToRun));
    }

    @Override
    public Resolution resolve(ModuleSelector selector, Context context) {
        String name = selector.getModuleName();
        return selections(ReflectionSupport.findAllClassesInModule(name, IS_PROMPT_SPEC_CLASS, classNames),
                scanning.inModule(name, this::isPromptFileToRun));
    }

    private boolean isPromptFileToRun(String resourceName) {
        int slash = resourceName.lastIndexOf('/');
        return PromptFiles.isPromptFile(resourceName)
                && packageNames.test(slash < 0 ? "" : resourceName.substring(0, slash).replace('/', '.'));
    }

    /** Classes first, then files by name; unresolved when there is neither. */
    private static Resolution selections(List<Class<?>> classes, List<ResourceScanning.Found> files) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        classes.forEach(c -> selectors.add(selectClass(c)));
        files.stream().map(ResourceScanning.Found::name).distinct().sorted()
                .forEach(name -> selectors.add(selectClasspathResource(name)));
        return selectors.isEmpty() ? Resolution.unresolved() : Resolution.selectors(selectors);
    }
}
