package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Told when each sample of a sampled case starts and ends, on the worker that draws it (several at once), so a driver
 * can report samples as they happen: the JUnit engine shows each as a child test of its case.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface SampleListener {

    /** Listens to nothing. */
    SampleListener NONE = new SampleListener() {
        @Override
        public void started(int sample) {
        }

        @Override
        public void finished(int sample, CaseResult result) {
        }
    };

    /** Sample {@code sample} (from 1) starts now. */
    void started(int sample);

    /** Sample {@code sample} ended with {@code result} (its own call and checks, or why it could not be judged). */
    void finished(int sample, CaseResult result);
}
