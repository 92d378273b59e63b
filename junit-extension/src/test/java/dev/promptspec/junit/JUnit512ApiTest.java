package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PromptSpec compiles against the newest JUnit Platform but must run on 1.12 (JUnit 5.12, Spring Boot 3.5). Every JUnit
 * class, method and field that the engine's compiled classes name is looked up in the 1.12.2 jars (copied by the
 * build into {@code target/junit-platform-1.12}): one that 1.12 lacks would fail there with a
 * {@code NoSuchMethodError} or {@code NoClassDefFoundError} at run time. Only the adapters that {@link PlatformFeatures}
 * loads after detecting a newer platform may name newer members.
 */
class JUnit512ApiTest {

    /** Classes loaded only once their feature was detected (see PlatformFeatures). */
    private static final Set<String> NEWER_PLATFORM_ADAPTERS = Set.of(
            "dev/promptspec/junit/PlatformFeatures$Cancellation",
            "dev/promptspec/junit/DiscoveryProblems$PlatformIssues",
            "dev/promptspec/junit/ResourceScanning$ResourceSupportScanning",
            "dev/promptspec/junit/PlatformFeatures$OutputDirectories");
    private static final Path CLASSES = Path.of("target/classes");
    private static final Path JUNIT_1_12 = Path.of("target/junit-platform-1.12");
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L(org/(?:junit|opentest4j)/[\\w/$]+);");

    @Test
    void every_junit_member_the_engine_uses_exists_in_platform_1_12() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (URLClassLoader junit112 = platform112(); Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String self = CLASSES.relativize(file).toString().replace('\\', '/').replace(".class", "");
                if (NEWER_PLATFORM_ADAPTERS.contains(self)) {
                    continue;
                }
                for (Reference r : references(file)) {
                    checked++;
                    String problem = r.lookUp(junit112);
                    if (problem != null) {
                        missing.add(self + " uses " + problem);
                    }
                }
            }
        }
        assertThat(checked).as("JUnit references found in the engine's classes").isGreaterThan(50);
        assertThat(missing).as("members JUnit Platform 1.12 lacks; use them through PlatformFeatures").isEmpty();
    }

    @Test
    void the_check_finds_a_member_that_platform_1_12_lacks() throws Exception {
        try (URLClassLoader junit112 = platform112()) {
            Reference cancellation = new Reference("org/junit/platform/engine/ExecutionRequest", "getCancellationToken",
                    "()Lorg/junit/platform/engine/CancellationToken;", Kind.METHOD);
            assertThat(cancellation.lookUp(junit112)).isEqualTo("org.junit.platform.engine.ExecutionRequest.getCancellationToken"
                    + "()Lorg/junit/platform/engine/CancellationToken; (no such method)");
            assertThat(new Reference("org/junit/platform/engine/DiscoveryIssue", null, null, Kind.CLASS).lookUp(junit112))
                    .isEqualTo("org.junit.platform.engine.DiscoveryIssue (no such class)");
        }
    }

    private static URLClassLoader platform112() throws IOException {
        try (Stream<Path> jars = Files.list(JUNIT_1_12)) {
            URL[] urls = jars.map(p -> {
                try {
                    return p.toUri().toURL();
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(URL[]::new);
            assertThat(urls).as("the 1.12 jars the build copies into " + JUNIT_1_12).hasSizeGreaterThanOrEqualTo(3);
            return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        }
    }

    enum Kind { CLASS, FIELD, METHOD }

    /** A class, field or method of JUnit (or opentest4j) that a class file names. */
    record Reference(String owner, String name, String descriptor, Kind kind) {

        /** Null when it exists on {@code loader}'s platform, else what is missing. */
        String lookUp(ClassLoader loader) {
            String ownerName = owner.replace('/', '.');
            Class<?> c;
            try {
                c = Class.forName(ownerName, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return ownerName + " (no such class)";
            }
            if (kind == Kind.CLASS) {
                return null;
            }
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                if (declares(k, loader)) {
                    return null;
                }
            }
            for (Class<?> i : allInterfaces(c)) {
                if (declares(i, loader)) {
                    return null;
                }
            }
            return ownerName + "." + name + descriptor + " (no such " + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }

        private boolean declares(Class<?> c, ClassLoader loader) {
            try {
                if (kind == Kind.FIELD) {
                    for (Field f : c.getDeclaredFields()) {
                        if (f.getName().equals(name) && descriptorOf(f.getType()).equals(descriptor)) {
                            return true;
                        }
                    }
                    return false;
                }
                if (name.equals("<init>")) {
                    for (Constructor<?> k : c.getDeclaredConstructors()) {
                        if (descriptor.equals(descriptorOf(k.getParameterTypes(), void.class))) {
                            return true;
                        }
                    }
                    return false;
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(name) && descriptor.equals(descriptorOf(m.getParameterTypes(), m.getReturnType()))) {
                        return true;
                    }
                }
                return false;
            } catch (LinkageError e) {
                return false; // the class's own members name something missing: not ours to judge here
            }
        }
    }

    private static Set<Class<?>> allInterfaces(Class<?> c) {
        Set<Class<?>> out = new java.util.LinkedHashSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                out.add(i);
                out.addAll(allInterfaces(i));
            }
        }
        return out;
    }

    private static String descriptorOf(Class<?>[] parameters, Class<?> returnType) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : parameters) {
            sb.append(descriptorOf(p));
        }
        return sb.append(')').append(descriptorOf(returnType)).toString();
    }

    private static String descriptorOf(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> throw new IllegalArgumentException(type.getName());
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }

    /** The JUnit and opentest4j classes, fields and methods a class file's constant pool names. */
    static Set<Reference> references(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            data.readUnsignedShort(); // major
            int count = data.readUnsignedShort();
            Object[] pool = new Object[count];
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> pool[i] = data.readUTF();
                    case 3, 4 -> data.readInt();
                    case 5, 6 -> {
                        data.readLong();
                        i++; // longs and doubles take two entries
                    }
                    case 7, 8, 16, 19, 20 -> pool[i] = new int[] {tag, data.readUnsignedShort()};
                    case 9, 10, 11, 12, 17, 18 -> pool[i] = new int[] {tag, data.readUnsignedShort(), data.readUnsignedShort()};
                    case 15 -> {
                        data.readUnsignedByte();
                        data.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
            Set<Reference> refs = new TreeSet<>(java.util.Comparator.comparing(Reference::toString));
            for (Object entry : pool) {
                if (entry instanceof String utf8) {
                    Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf8);
                    while (m.find()) {
                        refs.add(new Reference(m.group(1), null, null, Kind.CLASS));
                    }
                } else if (entry instanceof int[] e && e[0] == 7) {
                    String name = (String) pool[e[1]];
                    if (isJUnit(name)) {
                        refs.add(new Reference(name, null, null, Kind.CLASS));
                    }
                } else if (entry instanceof int[] e && (e[0] == 9 || e[0] == 10 || e[0] == 11)) {
                    String owner = (String) pool[((int[]) pool[e[1]])[1]];
                    int[] nameAndType = (int[]) pool[e[2]];
                    if (isJUnit(owner)) {
                        refs.add(new Reference(owner, (String) pool[nameAndType[1]], (String) pool[nameAndType[2]],
                                e[0] == 9 ? Kind.FIELD : Kind.METHOD));
                    }
                }
            }
            return refs;
        }
    }

    private static boolean isJUnit(String internalName) {
        return internalName.startsWith("org/junit/") || internalName.startsWith("org/opentest4j/");
    }
}
