package dev.promptspec.junit;

import dev.promptspec.spec.PromptSource;
import dev.promptspec.yaml.Position;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/** Test sources that let an IDE open the YAML at the right line. */
final class Sources {

    private Sources() {
    }

    static TestSource of(PromptSource source, Position position) {
        FilePosition filePosition = position != null && position.hasLine()
                ? (position.column() > 0 ? FilePosition.from(position.line(), position.column()) : FilePosition.from(position.line()))
                : null;
        if (source.localFile().isPresent()) {
            return FileSource.from(source.localFile().get().toFile(), filePosition);
        }
        return ClasspathResourceSource.from(source.name(), filePosition);
    }
}
