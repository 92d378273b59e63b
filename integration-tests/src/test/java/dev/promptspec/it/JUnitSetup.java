package dev.promptspec.it;

import java.io.IOException;
import java.util.Map;

/**
 * The ways users' builds get their JUnit, each a pom with {@code promptspec-junit} added as the docs say: nothing else
 * to change. Spring Boot's parent manages JUnit (3.5: 5.12, 4.0: 6.0); other projects import {@code junit-bom} or
 * declare {@code junit-jupiter} with a version.
 */
enum JUnitSetup {

    SPRING_BOOT_3_5("Spring Boot 3.5.8", Kind.SPRING_BOOT, "3.5.8", true),
    SPRING_BOOT_4_0("Spring Boot 4.0.7", Kind.SPRING_BOOT, "4.0.7", true),
    JUNIT_BOM_5_12("junit-bom 5.12.2", Kind.BOM, "5.12.2", true),
    JUNIT_BOM_5_14("junit-bom 5.14.1", Kind.BOM, "5.14.1", true),
    JUPITER_5_14_WITHOUT_BOM("junit-jupiter 5.14.1, no BOM", Kind.JUPITER_ONLY, "5.14.1", true),
    JUNIT_BOM_6_1("junit-bom 6.1.3", Kind.BOM, "6.1.3", true),
    /** Older than PromptSpec supports: its engine fails with the fix, the project's own tests still run. */
    JUNIT_BOM_5_11("junit-bom 5.11.4 (unsupported)", Kind.BOM, "5.11.4", false);

    private enum Kind { SPRING_BOOT, BOM, JUPITER_ONLY }

    private final String label;
    private final Kind kind;
    private final String version;
    private final boolean supported;

    JUnitSetup(String label, Kind kind, String version, boolean supported) {
        this.label = label;
        this.kind = kind;
        this.version = version;
        this.supported = supported;
    }

    boolean supported() {
        return supported;
    }


    /** The folder name of its project. */
    String directory() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return label;
    }

    /** The user's pom with {@code promptspec-junit} added (test scope) and the listing this test reads. */
    String pom(String promptSpecVersion) throws IOException {
        return pom(promptSpecVersion, "");
    }

    /** {@link #pom(String)}, with more dependencies ({@code <dependency>} elements) after PromptSpec's. */
    String pom(String promptSpecVersion, String moreDependencies) throws IOException {
        Map<String, String> plugins = UserProject.pinnedPluginVersions();
        String parent = kind == Kind.SPRING_BOOT ? """
                  <parent>
                    <groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId>
                    <version>%s</version>
                    <relativePath/>
                  </parent>
                """.formatted(version) : "";
        String management = kind == Kind.BOM ? """
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.junit</groupId>
                        <artifactId>junit-bom</artifactId>
                        <version>%s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                """.formatted(version) : "";
        String junit = switch (kind) {
            case SPRING_BOOT -> """
                        <dependency>
                          <groupId>org.springframework.boot</groupId>
                          <artifactId>spring-boot-starter-test</artifactId>
                          <scope>test</scope>
                        </dependency>
                    """;
            case BOM -> """
                        <dependency>
                          <groupId>org.junit.jupiter</groupId>
                          <artifactId>junit-jupiter</artifactId>
                          <scope>test</scope>
                        </dependency>
                    """;
            case JUPITER_ONLY -> """
                        <dependency>
                          <groupId>org.junit.jupiter</groupId>
                          <artifactId>junit-jupiter</artifactId>
                          <version>%s</version>
                          <scope>test</scope>
                        </dependency>
                    """.formatted(version);
        };
        // Spring Boot's parent pins its plugins; elsewhere the user pins them (old Maven defaults cannot run JUnit 5).
        String build = kind == Kind.SPRING_BOOT ? "" : """
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>%s</version></plugin>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>%s</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>%s</version></plugin>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>%s</version></plugin>
                    </plugins>
                  </build>
                """.formatted(plugins.get("maven-compiler-plugin"), plugins.get("maven-resources-plugin"),
                plugins.get("maven-surefire-plugin"), plugins.get("maven-dependency-plugin"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                %s
                  <groupId>com.example</groupId>
                  <artifactId>support-bot</artifactId>
                  <version>1.0.0-SNAPSHOT</version>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                %s
                  <dependencies>
                %s
                    <dependency>
                      <groupId>dev.promptspec</groupId>
                      <artifactId>promptspec-junit</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                %s
                  </dependencies>
                %s
                </project>
                """.formatted(parent, management, junit, promptSpecVersion, moreDependencies, build);
    }
}
