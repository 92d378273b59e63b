package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.template.Template;
import dev.promptspec.model.Role;
import dev.promptspec.problem.Position;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One message of the prompt, before its variables are filled in.
 *
 * @param role     who says it
 * @param content  the parsed template: PromptSpec's own; read {@link #text()} and {@link #variables()}
 * @param position where the message is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MessageTemplate(Role role, @API(status = INTERNAL, since = "0.1") Template content, Position position) {

    @API(status = INTERNAL, since = "0.1")
    public MessageTemplate {
    }

    /** The message as written, with its {@code {{variables}}}. */
    public String text() {
        return content.source();
    }

    /** The variables the message reads. */
    public Set<String> variables() {
        return content.variables();
    }
}
