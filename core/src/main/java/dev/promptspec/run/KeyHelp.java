package dev.promptspec.run;

import dev.promptspec.config.Keys;
import dev.promptspec.config.OpenAiEndpoint;

/** How to give an endpoint its key: the environment variable or configuration key that applies to it. */
final class KeyHelp {

    private KeyHelp() {
    }

    /** For the prompts' endpoint: GitHub Models reads {@code GITHUB_TOKEN}, anything else {@code OPENAI_API_KEY}. */
    static String forPrompts(OpenAiEndpoint endpoint) {
        if (endpoint.isGitHubModels()) {
            return "set the environment variable GITHUB_TOKEN (a token with the models:read permission), or the configuration"
                    + " parameter " + Keys.OPENAI_API_KEY;
        }
        return "set the environment variable OPENAI_API_KEY, or the configuration parameter " + Keys.OPENAI_API_KEY + " (e.g. -D"
                + Keys.OPENAI_API_KEY + "=... on the command line; keep keys out of committed files)";
    }

    /** For a judge's own endpoint: its own key, since the prompts' key goes only to the prompts' server. */
    static String forJudge(OpenAiEndpoint judge, OpenAiEndpoint prompts) {
        boolean promptsServer = prompts.sameServerAs(judge.baseUrl());
        return "set the configuration parameter " + Keys.JUDGE_API_KEY + " (the key of the judge's endpoint " + judge
                + (promptsServer ? "" : "; the prompts' key is sent only to their own server, " + prompts.baseUrl().getHost())
                + "; keep keys out of committed files)";
    }
}
