package dev.promptspec.junit;

import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * One sample of a sampled case: a dynamic test under its case, registered when the sample starts. It passes when the
 * sample's checks pass; a sample whose checks fail is reported aborted (its case's verdict, not the sample, decides
 * the build), and a sample that could not be judged fails with why.
 */
final class PromptSampleDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "sample";

    private final PromptCaseDescriptor owner;

    PromptSampleDescriptor(PromptCaseDescriptor owner, int index) {
        // Named after its case too: Surefire lists samples beside their case, not under it.
        super(owner.getUniqueId().append(SEGMENT, String.valueOf(index)), owner.getDisplayName() + " [sample " + index + "]",
                owner.getSource().orElse(null));
        this.owner = owner;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return owner.getTags();
    }

    @Override
    public String getLegacyReportingName() {
        return owner.getLegacyReportingName() + " [sample " + getUniqueId().getLastSegment().getValue() + "]";
    }
}
