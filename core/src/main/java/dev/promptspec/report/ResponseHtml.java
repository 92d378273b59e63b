package dev.promptspec.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A model's answer as HTML a report can insert: the answer is untrusted text, so its raw HTML is escaped (a
 * {@code <script>} or {@code <img onerror>} is shown as text), links keep only http, https, mailto and relative targets
 * (never {@code javascript:}), and an image is its alt text unless it is a {@code data:image/} URL, so opening the report
 * fetches nothing from anywhere. Thread-safe: commonmark's parser and renderer are.
 */
final class ResponseHtml {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create()); // answers use tables constantly
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .nodeRendererFactory(InlineImagesOnly::new)
            .attributeProviderFactory(context -> new SafeLinks())
            .build();

    private ResponseHtml() {
    }

    static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** Images: a {@code data:image/} URL is shown, any other is replaced by its alt text (no request leaves the page). */
    private static final class InlineImagesOnly implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        InlineImagesOnly(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            Image image = (Image) node;
            String alt = altText(image);
            String destination = image.getDestination().strip();
            if (destination.toLowerCase(Locale.ROOT).startsWith("data:image/")) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("src", destination);
                attributes.put("alt", alt);
                context.getWriter().tag("img", attributes, true);
            } else {
                context.getWriter().text(alt);
            }
        }

        private static String altText(Image image) {
            StringBuilder sb = new StringBuilder();
            image.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    sb.append(text.getLiteral());
                }

                @Override
                public void visit(Code code) {
                    sb.append(code.getLiteral());
                }

                @Override
                public void visit(SoftLineBreak softLineBreak) {
                    sb.append(' ');
                }

                @Override
                public void visit(HardLineBreak hardLineBreak) {
                    sb.append(' ');
                }
            });
            return sb.toString();
        }
    }

    /**
     * A link whose target the sanitiser emptied ({@code javascript:...}) keeps its text and loses its href; every link
     * tells the browser not to pass the report's address on.
     */
    private static final class SafeLinks implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Link) {
                if (attributes.getOrDefault("href", "").isBlank()) {
                    attributes.remove("href");
                }
                attributes.put("rel", "noopener noreferrer nofollow");
            }
        }
    }
}
