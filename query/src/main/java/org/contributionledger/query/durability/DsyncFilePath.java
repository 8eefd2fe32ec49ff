package org.contributionledger.query.durability;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system, {@code dsync:}, that opens the database file with {@code O_DSYNC}: every
 * write of the store returns only once the disk has it.
 * <p>
 * Why: H2's MVStore never forces its file on commit. With {@code WRITE_DELAY=0} a commit writes
 * its chunk to the file before it returns (so it survives the process being killed), but the chunk
 * may still sit in the operating system's page cache, which an OS crash or a power cut loses. With
 * this wrapper the chunk write itself waits for the disk, so an acknowledged commit survives those
 * too. Writes reach the disk in the order H2 issues them, which is the order its recovery expects.
 * <p>
 * Only the store file ({@code .mv.db}) is opened this way; H2's temporary and trace files are not
 * worth a disk flush. Use: {@code jdbc:h2:dsync:./data/ledger;WRITE_DELAY=0}, after {@link #register()}.
 */
public final class DsyncFilePath extends FilePathWrapper {

    public static final String SCHEME = "dsync";

    private static final String STORE_FILE_SUFFIX = ".mv.db";

    /** Makes {@code dsync:} known to H2. Idempotent; must run before a connection to a {@code dsync:} URL. */
    public static void register() {
        FilePath.register(new DsyncFilePath());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FilePath file = getBase();
        if (!"rw".equals(mode) || !file.getName().endsWith(STORE_FILE_SUFFIX)) {
            return file.open(mode);
        }
        boolean created = !file.exists();
        FileChannel channel = file.open("rwd");
        if (created) {
            syncDirectoryOf(file);
        }
        return channel;
    }

    /** A new file's directory entry is not covered by O_DSYNC on the file: flush the directory too. */
    private static void syncDirectoryOf(FilePath file) {
        FilePath parent = file.getParent();
        if (parent == null) {
            return;
        }
        try (FileChannel directory = FileChannel.open(Path.of(parent.toString()), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException | InvalidPathException notSupportedHere) {
            // Some systems (Windows) cannot open a directory for flushing; the file's own data is still forced.
        }
    }
}
