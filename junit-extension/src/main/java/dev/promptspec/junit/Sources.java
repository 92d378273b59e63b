package dev.promptspec.junit;

import dev.promptspec.problem.Position;
import dev.promptspec.promptfile.PromptSource;
import dev.promptspec.promptfile.TestCase;
import java.nio.file.Path;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/** Test sources that let an IDE open the YAML at the right line. */
final class Sources {

    private Sources() {
    }

    /** Where a test case is written: its row in a data file (CSV, JSON Lines, YAML) or its entry in the prompt file. */
    static TestSource ofCase(PromptSource source, TestCase testCase) {
        Position p = testCase.position();
        if (testCase.dataFile() != null) {
            return FileSource.from(testCase.dataFile().toFile(), filePosition(p));
        }
        if (!p.file().equals(source.name())) {
            return ClasspathResourceSource.from(p.file(), filePosition(p)); // a data file beside a prompt file in a jar
        }
        return of(source, p);
    }

    /**
     * Where a problem is: in the prompt file, or in a file beside it (a CSV row, a schema), which a position names
     * by the prompt file's directory joined with the file's relative path.
     */
    static TestSource ofProblem(PromptSource source, Position position) {
        if (position == null || position.file().equals(source.name())) {
            return of(source, position);
        }
        String name = source.name();
        String dir = name.substring(0, name.lastIndexOf('/') + 1);
        if (source.localFile().isPresent() && position.file().startsWith(dir)) {
            Path sibling = source.localFile().get().getParent().resolve(position.file().substring(dir.length())).normalize();
            return FileSource.from(sibling.toFile(), filePosition(position));
        }
        return ClasspathResourceSource.from(position.file(), filePosition(position));
    }

    private static FilePosition filePosition(Position position) {
        if (position == null || !position.hasLine()) {
            return null;
        }
        return position.column() > 0 ? FilePosition.from(position.line(), position.column()) : FilePosition.from(position.line());
    }

    static TestSource of(PromptSource source, Position position) {
        FilePosition filePosition = filePosition(position);
        if (source.localFile().isPresent()) {
            return FileSource.from(source.localFile().get().toFile(), filePosition);
        }
        return ClasspathResourceSource.from(source.name(), filePosition);
    }
}
