package dev.promptspec.internal.model.openai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptspec.internal.util.AtomicFiles;
import dev.promptspec.internal.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jobs a run submitted, kept in a file under the build's output directory (one per suite), so that a run
 * interrupted while it waited resumes waiting on the same jobs instead of paying for them twice. Written atomically
 * after each submission; deleted once every job's answers are in the recordings. Holds ids only, never a key.
 */
final class BatchState {

    /** One submitted job and the requests it carries. */
    record SavedJob(String id, String inputFileId, Set<String> customIds) {
    }

    private final Path file;
    private final String endpoint;
    private final List<SavedJob> jobs = new ArrayList<>();

    private BatchState(Path file, String endpoint) {
        this.file = file;
        this.endpoint = endpoint;
    }

    /**
     * The jobs saved in {@code file} for {@code endpoint}; none when there is no file, or it was written for another
     * endpoint (its ids mean nothing there).
     */
    static BatchState load(Path file, String endpoint) {
        BatchState state = new BatchState(file, endpoint);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved batch jobs in " + file + " (delete it to submit anew)", e);
        }
        if (!endpoint.equals(root.path("endpoint").asText())) {
            return state;
        }
        for (JsonNode j : root.path("jobs")) {
            Set<String> ids = new LinkedHashSet<>();
            j.path("customIds").forEach(id -> ids.add(id.asText()));
            state.jobs.add(new SavedJob(j.path("id").asText(), j.path("inputFileId").asText(null), ids));
        }
        return state;
    }

    List<SavedJob> jobs() {
        return List.copyOf(jobs);
    }

    Path file() {
        return file;
    }

    /** Adds a submitted job and writes the file at once: from now on an interrupted run finds it. */
    void add(SavedJob job) {
        jobs.add(job);
        save();
    }

    /** Forgets every job: their answers are kept elsewhere now. */
    void clear() {
        jobs.clear();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + " (delete it by hand: its jobs are done)", e);
        }
    }

    private void save() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("endpoint", endpoint);
        ArrayNode array = root.putArray("jobs");
        for (SavedJob j : jobs) {
            ObjectNode n = array.addObject().put("id", j.id()).put("inputFileId", j.inputFileId());
            ArrayNode ids = n.putArray("customIds");
            j.customIds().forEach(ids::add);
        }
        try {
            AtomicFiles.write(file, root.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the batch job ids to " + file
                    + "; an interrupted run could not resume them. Make the directory writable", e);
        }
    }
}
