package dev.promptspec.junit;

import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import org.junit.platform.commons.io.Resource;
import org.junit.platform.commons.io.ResourceFilter;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.support.ResourceSupport;

/**
 * The platform's class-path resource scanning (directories and jars alike), in the form the running platform offers:
 * {@code ResourceSupport} with a {@code ResourceFilter} from 1.14 on, {@code ReflectionSupport} with a {@code Predicate}
 * on 1.12 and 1.13. The older form is deprecated for removal on the newer platforms, so it is called only where the
 * newer one is missing; the newer one lives in a class of its own that older platforms never load.
 */
interface ResourceScanning {

    /** A class-path resource: its name ({@code prompts/triage.prompt.yml}) and where it was found. */
    record Found(String name, URI uri) {
    }

    List<Found> inClasspathRoot(URI root, Predicate<String> names);

    /** Resources under the package's path, e.g. {@code com/example/} for {@code com.example}; {@code ""} is every root. */
    List<Found> inPackage(String packageName, Predicate<String> names);

    List<Found> inModule(String moduleName, Predicate<String> names);

    static ResourceScanning ofPlatform() {
        return PlatformFeatures.resourceSupport() ? new ResourceSupportScanning() : new ReflectionSupportScanning();
    }

    /** Platform 1.12 and 1.13. */
    @SuppressWarnings("removal") // deprecated for removal from 1.14 on, where ResourceSupportScanning is used instead
    final class ReflectionSupportScanning implements ResourceScanning {
        @Override
        public List<Found> inClasspathRoot(URI root, Predicate<String> names) {
            return found(ReflectionSupport.findAllResourcesInClasspathRoot(root, r -> names.test(r.getName())));
        }

        @Override
        public List<Found> inPackage(String packageName, Predicate<String> names) {
            return found(ReflectionSupport.findAllResourcesInPackage(packageName, r -> names.test(r.getName())));
        }

        @Override
        public List<Found> inModule(String moduleName, Predicate<String> names) {
            return found(ReflectionSupport.findAllResourcesInModule(moduleName, r -> names.test(r.getName())));
        }

        private static List<Found> found(List<org.junit.platform.commons.support.Resource> resources) {
            return resources.stream().map(r -> new Found(r.getName(), r.getUri())).toList();
        }
    }

    /** Loaded only where {@code ResourceSupport} exists (platform 1.14+). */
    final class ResourceSupportScanning implements ResourceScanning {
        @Override
        public List<Found> inClasspathRoot(URI root, Predicate<String> names) {
            return found(ResourceSupport.findAllResourcesInClasspathRoot(root, filter(names)));
        }

        @Override
        public List<Found> inPackage(String packageName, Predicate<String> names) {
            return found(ResourceSupport.findAllResourcesInPackage(packageName, filter(names)));
        }

        @Override
        public List<Found> inModule(String moduleName, Predicate<String> names) {
            return found(ResourceSupport.findAllResourcesInModule(moduleName, filter(names)));
        }

        private static ResourceFilter filter(Predicate<String> names) {
            return ResourceFilter.of(r -> names.test(r.getName()));
        }

        private static List<Found> found(List<Resource> resources) {
            return resources.stream().map(r -> new Found(r.getName(), r.getUri())).toList();
        }
    }
}
