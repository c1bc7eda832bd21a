package org.segrank.datasets.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Keeps every file an import reads inside the dataset folder, and every stored file name acceptable to the
 * workspace ({@code DatasetRepository}: relative, {@code /} separators, no {@code .}/{@code ..}/empty parts,
 * at most 1000 characters, no surrounding blanks).
 */
final class PathRules {
    static final int MAX_FILE_NAME_LENGTH = 1000;
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private PathRules() {
    }

    /**
     * Removes leading {@code ./} parts (spreadsheet tools and shells like to add them); otherwise the name
     * is kept as written.
     */
    static String normalize(String name) {
        String value = name.strip();
        while (value.startsWith("./")) {
            value = value.substring(2);
        }
        return value;
    }

    /**
     * What is wrong with a relative path from a CSV or JSON entry, or {@code null} if it is acceptable.
     */
    static String relativePathProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "the file name is empty";
        }
        if (name.indexOf('\\') >= 0) {
            return "the file name '" + name + "' contains '\\'; write paths with '/'";
        }
        if (name.startsWith("/") || WINDOWS_DRIVE.matcher(name).matches()) {
            return "the file name '" + name + "' is an absolute path; paths must be relative to the dataset folder";
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                return "the file name '" + name + "' contains '..'; files must stay inside the dataset folder";
            }
            if (part.isEmpty() || part.equals(".")) {
                return "the file name '" + name + "' has an empty or '.' part";
            }
        }
        if (name.length() > MAX_FILE_NAME_LENGTH) {
            return "the file name is longer than " + MAX_FILE_NAME_LENGTH + " characters";
        }
        if (!name.equals(name.strip())) {
            return "the file name '" + name + "' starts or ends with a blank";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "the file name contains a control character";
        }
        return null;
    }

    /**
     * Resolves a relative name checked by {@link #relativePathProblem} against a folder and makes sure that
     * the file, with symbolic links followed, is inside {@code realRoot}.
     *
     * @return the resolved file, or {@code null} if it does not exist
     * @throws ItemProblem if it is a broken link or leads outside the dataset folder
     */
    static Path resolveInside(Path realRoot, Path base, String relativeName, String subject) throws ItemProblem {
        Path file = base.resolve(relativeName);
        return requireInside(realRoot, file, subject);
    }

    /**
     * @return {@code file} if it exists inside {@code realRoot} (symbolic links followed), {@code null} if it
     *     does not exist
     * @throws ItemProblem if it is a broken link or leads outside the dataset folder
     */
    static Path requireInside(Path realRoot, Path file, String subject) throws ItemProblem {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                throw new ItemProblem(subject + " is a broken symbolic link");
            }
            return null;
        } catch (IOException e) {
            throw new ItemProblem(subject + " cannot be accessed (" + e.getMessage() + ")");
        }
        if (!real.startsWith(realRoot)) {
            throw new ItemProblem(subject + " leads outside the dataset folder (to " + real
                    + "); symbolic links must point inside it");
        }
        return file;
    }

    /** The path of {@code file} relative to {@code base}, with {@code /} separators. */
    static String relative(Path base, Path file) {
        Path relative = base.relativize(file);
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    /**
     * A file found below a scanned folder.
     *
     * @param relativeName path relative to the scanned folder, {@code /} separators
     * @param path the file
     * @param problem why it cannot be used (a link leading outside the dataset folder), or {@code null}
     */
    record ScannedFile(String relativeName, Path path, String problem) {
    }

    /**
     * The files below {@code folder}, sorted by relative name. Hidden files and folders (name starting with
     * {@code .}) and {@code __MACOSX} folders are left out; symbolic links to folders are not followed;
     * symbolic links to files are kept if they lead inside {@code realRoot}, else reported.
     */
    static List<ScannedFile> scan(Path realRoot, Path folder) throws IOException {
        List<ScannedFile> files = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        if (!dir.equals(folder) && isHiddenOrJunk(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (isHiddenOrJunk(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        String name = relative(folder, file);
                        if (attributes.isSymbolicLink()) {
                            try {
                                if (requireInside(realRoot, file, "the symbolic link") != null
                                        && Files.isRegularFile(file)) {
                                    files.add(new ScannedFile(name, file, null));
                                }
                            } catch (ItemProblem problem) {
                                files.add(new ScannedFile(name, file, problem.getMessage()));
                            }
                        } else if (attributes.isRegularFile()) {
                            files.add(new ScannedFile(name, file, null));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        files.add(new ScannedFile(relative(folder, file), file, "cannot be read (" + e + ")"));
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort((a, b) -> a.relativeName().compareTo(b.relativeName()));
        return files;
    }

    private static boolean isHiddenOrJunk(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.equals("__MACOSX");
    }
}
