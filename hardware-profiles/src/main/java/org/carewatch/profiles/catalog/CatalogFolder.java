package org.carewatch.profiles.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the profile files of a catalogue folder ({@code cameras/*.yaml}, {@code sensors/*.yaml}) or of the
 * built-in catalogue on the classpath, which {@code index.txt} lists because a jar cannot be listed.
 */
final class CatalogFolder {

    static final String INDEX = "index.txt";
    static final String CLASSPATH_ROOT = "carewatch-profiles/";

    private CatalogFolder() {
    }

    /** The profile files of {@code dir}; problems with the folder itself go to {@code errors}. */
    static List<ProfileFile> read(Path dir, List<CheckError> errors) {
        List<ProfileFile> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            errors.add(new CheckError(dir.toString(), null, "is not a folder"));
            return files;
        }
        boolean any = false;
        Set<String> names = new TreeSet<>();
        for (ProfileKind kind : ProfileKind.values()) {
            Path sub = dir.resolve(kind.folder());
            if (!Files.isDirectory(sub)) {
                continue;
            }
            any = true;
            try (Stream<Path> list = Files.list(sub)) {
                for (Path p : list.sorted().toList()) {
                    String fileName = p.getFileName().toString();
                    String name = kind.folder() + "/" + fileName;
                    if (fileName.startsWith(".") || Files.isDirectory(p)) {
                        continue;
                    }
                    if (!ProfileFile.isProfileName(fileName)) {
                        errors.add(new CheckError(name, null, "is not a profile file (expected .yaml, .yml or .json)"));
                        continue;
                    }
                    if (Files.size(p) > ProfileReader.MAX_FILE_BYTES) {
                        errors.add(new CheckError(name, null, "file is larger than " + ProfileReader.MAX_FILE_BYTES + " bytes"));
                        continue;
                    }
                    names.add(name);
                    files.add(new ProfileFile(name, Files.readAllBytes(p)));
                }
            } catch (IOException e) {
                errors.add(new CheckError(kind.folder() + "/", null, "cannot be read: " + e.getMessage()));
            }
        }
        if (!any) {
            errors.add(new CheckError(dir.toString(), null, "has no cameras/ or sensors/ folder"));
        }
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            try {
                checkIndex(parseIndex(Files.readString(index, StandardCharsets.UTF_8)), names, errors);
            } catch (IOException e) {
                errors.add(new CheckError(INDEX, null, "cannot be read: " + e.getMessage()));
            }
        }
        return files;
    }

    /** The built-in catalogue packaged with this module. */
    static List<ProfileFile> readBuiltIn(List<CheckError> errors) {
        ClassLoader loader = CatalogFolder.class.getClassLoader();
        List<ProfileFile> files = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(CLASSPATH_ROOT + INDEX)) {
            if (in == null) {
                errors.add(new CheckError(CLASSPATH_ROOT + INDEX, null, "is missing from the classpath"));
                return files;
            }
            for (String name : parseIndex(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                try (InputStream file = loader.getResourceAsStream(CLASSPATH_ROOT + name)) {
                    if (file == null) {
                        errors.add(new CheckError(name, null, "is listed in " + INDEX + " but missing from the classpath"));
                    } else {
                        files.add(new ProfileFile(name, file.readNBytes(ProfileReader.MAX_FILE_BYTES + 1)));
                    }
                }
            }
        } catch (IOException e) {
            errors.add(new CheckError(CLASSPATH_ROOT + INDEX, null, "cannot be read: " + e.getMessage()));
        }
        return files;
    }

    /** Non-empty lines that are not comments ({@code #}). */
    static List<String> parseIndex(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static void checkIndex(List<String> listed, Set<String> present, List<CheckError> errors) {
        Set<String> seen = new TreeSet<>();
        for (String name : listed) {
            if (!seen.add(name)) {
                errors.add(new CheckError(INDEX, null, "lists " + name + " twice"));
            } else if (!present.contains(name)) {
                errors.add(new CheckError(INDEX, null, "lists " + name + ", which does not exist"));
            }
        }
        for (String name : present) {
            if (!seen.contains(name)) {
                errors.add(new CheckError(INDEX, null, "does not list " + name + " (add it, or the built-in catalogue misses it)"));
            }
        }
    }
}
