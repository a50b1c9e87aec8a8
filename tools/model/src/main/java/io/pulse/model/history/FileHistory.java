package io.pulse.model.history;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.history.HistoryFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A history in a directory of {@link HistoryFiles}: JSON lines or Avro container files of profiles
 * and events. A line that cannot be read at all stops the reading with its file and line.
 */
public final class FileHistory implements History {
    private final Path directory;
    private final Admitted admitted = new Admitted();

    public FileHistory(Path directory) {
        HistoryFiles.formatOf(directory);
        this.directory = directory;
    }

    @Override
    public String description() {
        return directory
                + " ("
                + HistoryFiles.formatOf(directory).name().toLowerCase(Locale.ROOT)
                + ")";
    }

    @Override
    public List<SubscriberProfile> profiles() {
        return HistoryFiles.readProfiles(directory).stream().filter(admitted::profile).toList();
    }

    @Override
    public void forEachEvent(Consumer<SubscriberEvent> action) {
        try (HistoryFiles.Records<SubscriberEvent> events = HistoryFiles.readEvents(directory)) {
            while (events.hasNext()) {
                SubscriberEvent event = events.next();
                if (admitted.event(event)) {
                    action.accept(event);
                }
            }
        }
    }

    @Override
    public Map<String, Long> rejected() {
        return admitted.rejected();
    }
}
