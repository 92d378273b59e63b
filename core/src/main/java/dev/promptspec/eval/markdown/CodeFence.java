package dev.promptspec.eval.markdown;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * A fenced code block of a response.
 *
 * @param language the first word of its info string, lower-cased ({@code json} for {@code ```json}), or empty
 * @param content  the code inside the fences
 * @param line     1-based line of the opening fence in the response
 */
@API(status = MAINTAINED, since = "0.1")
public record CodeFence(String language, String content, int line) {
}
