package dev.promptspec.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * AssertJ reaches a user's build only when they add promptspec-assertj: no other published module declares it outside
 * test scope (promptspec-junit used to bring it to everyone).
 */
class AssertJStaysOptionalTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void only_this_module_brings_assertj() throws Exception {
        for (String module : List.of("core", "junit-extension", "similarity", "ollama", "jupiter", "spring-ai")) {
            assertThat(assertjScopes(ROOT.resolve(module).resolve("pom.xml"))).as(module + "/pom.xml").containsOnly("test");
        }
        assertThat(assertjScopes(Path.of("pom.xml"))).containsExactly("compile");
    }

    /** The scope of each org.assertj dependency the pom declares ("compile" when none is written). */
    private static List<String> assertjScopes(Path pom) throws Exception {
        assertThat(pom).exists();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(Files.newInputStream(pom));
        List<String> scopes = new ArrayList<>();
        NodeList dependencies = document.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode().getNodeName().equals("dependencyManagement")) {
                continue;
            }
            if (text(dependency, "groupId").equals("org.assertj")) {
                String scope = text(dependency, "scope");
                scopes.add(scope.isEmpty() ? "compile" : scope);
            }
        }
        return scopes;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
