package dev.promptspec.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** One {@code TEST-<class>.xml} of Surefire: what a CI server shows of a test class. */
record SurefireReport(String name, int tests, int failures, int errors, int skipped, List<TestCase> cases) {

    /** One {@code <testcase>}: its name and outcome ({@code passed}, or the kind and type of its problem). */
    record TestCase(String className, String name, String outcome, String message) {
    }

    static SurefireReport read(Path xml) throws Exception {
        if (!Files.isRegularFile(xml)) {
            throw new AssertionError("Surefire wrote no report " + xml.getFileName() + " (the class did not run)");
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element suite = f.newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        List<TestCase> cases = new ArrayList<>();
        for (Element c : children(suite, "testcase")) {
            String outcome = "passed";
            String message = "";
            for (String kind : List.of("failure", "error", "skipped")) {
                List<Element> found = children(c, kind);
                if (!found.isEmpty()) {
                    outcome = (kind + " " + found.get(0).getAttribute("type")).trim();
                    message = found.get(0).getAttribute("message");
                    break;
                }
            }
            cases.add(new TestCase(c.getAttribute("classname"), c.getAttribute("name"), outcome, message));
        }
        return new SurefireReport(suite.getAttribute("name"), number(suite, "tests"), number(suite, "failures"),
                number(suite, "errors"), number(suite, "skipped"), List.copyOf(cases));
    }

    private static int number(Element e, String attribute) {
        return Integer.parseInt(e.getAttribute(attribute));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }
}
