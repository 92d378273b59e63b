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

        /**
         * The resource the platform found, by its real name. The platform names a resource by turning the folders
         * between the root it searched and the file into a package name and back, so a folder with a dot in its name
         * ({@code release-1.2}) comes out as two ({@code release-1/2}); the resource's URI has the real path, whose tail
         * of the same length is the real name.
         */
        static Found of(String platformName, URI uri) {
            String path = "jar".equals(uri.getScheme()) ? afterLast(uri.getSchemeSpecificPart(), "!/") : uri.getPath();
            if (path != null && path.length() >= platformName.length()) {
                String tail = path.substring(path.length() - platformName.length());
                if (tail.replace('.', '/').equals(platformName.replace('.', '/'))) {
                    return new Found(tail, uri);
                }
            }
            return new Found(platformName, uri);
        }

        private static String afterLast(String text, String separator) {
            int at = text == null ? -1 : text.lastIndexOf(separator);
            return at < 0 ? null : text.substring(at + separator.length());
        }
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
            return found(ReflectionSupport.findAllResourcesInClasspathRoot(root, r -> names.test(found(r).name())));
        }

        @Override
        public List<Found> inPackage(String packageName, Predicate<String> names) {
            return found(ReflectionSupport.findAllResourcesInPackage(packageName, r -> names.test(found(r).name())));
        }

        @Override
        public List<Found> inModule(String moduleName, Predicate<String> names) {
            return found(ReflectionSupport.findAllResourcesInModule(moduleName, r -> names.test(found(r).name())));
        }

        private static List<Found> found(List<org.junit.platform.commons.support.Resource> resources) {
            return resources.stream().map(ReflectionSupportScanning::found).toList();
        }

        private static Found found(org.junit.platform.commons.support.Resource resource) {
            return Found.of(resource.getName(), resource.getUri());
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
            return ResourceFilter.of(r -> names.test(found(r).name()));
        }

        private static List<Found> found(List<Resource> resources) {
            return resources.stream().map(ResourceSupportScanning::found).toList();
        }

        private static Found found(Resource resource) {
            return Found.of(resource.getName(), resource.getUri());
        }
    }
}
