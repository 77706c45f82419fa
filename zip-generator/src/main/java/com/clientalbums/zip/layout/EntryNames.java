package com.clientalbums.zip.layout;

import com.clientalbums.common.store.HiddenFiles;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses every archive entry's name: NFC, without invisible characters, safe on Windows, within the
 * length limits, never two names that a case-insensitive file system (Windows, macOS by default) would
 * merge, hidden files left out.
 */
public final class EntryNames {

    private EntryNames() {
    }

    /**
     * Returns the archivable files with their entry names, in archive order: sorted by sanitized path
     * (case-insensitively first), ties broken by the storage key, so that the result does not depend on
     * the order of {@code files}.
     */
    public static List<PlannedName> sanitize(List<SourceFile> files) {
        List<Candidate> candidates = files.stream()
                .map(EntryNames::candidate)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Candidate::foldedPath)
                        .thenComparing(Candidate::path)
                        .thenComparing(c -> c.source().key()))
                .toList();
        // Folded folder path to the spelling used for it, filled while walking the candidates in order.
        Map<String, String> directories = new HashMap<>();
        List<String> parents = candidates.stream().map(c -> canonicalDirectory(c, directories)).toList();
        return uniqueNames(candidates, parents, directories.keySet());
    }

    /** Case-insensitive comparison key; going through upper case also folds ß with SS (erring towards a rename). */
    private static String fold(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** A file's sanitized path before collisions are resolved; the paths are kept for sorting. */
    private record Candidate(SourceFile source, List<String> directories, String fileName, String path,
                             String foldedPath) {
        Candidate(SourceFile source, List<String> components) {
            this(source, components.subList(0, components.size() - 1), components.getLast(),
                    String.join("/", components), fold(String.join("/", components)));
        }
    }

    /** Empty for hidden and system files and for folder markers (keys ending in '/'). */
    private static Optional<Candidate> candidate(SourceFile file) {
        String path = Normalizer.normalize(file.relativePath(), Normalizer.Form.NFC);
        List<String> components = Arrays.stream(path.split("/")).filter(c -> !c.isEmpty()).toList();
        if (path.endsWith("/") || components.isEmpty()) {
            return Optional.empty();
        }
        List<String> safe = new ArrayList<>(components.size());
        for (String component : components) {
            String sanitized = SafeComponent.sanitize(component);
            if (HiddenFiles.isHiddenName(component) || HiddenFiles.isHiddenName(sanitized)) {
                return Optional.empty();
            }
            safe.add(sanitized);
        }
        return Optional.of(new Candidate(file, safe));
    }

    /**
     * Folders differing only by case would become one folder on Windows and macOS anyway, so the archive
     * says so, with the first spelling in archive order.
     */
    private static String canonicalDirectory(Candidate candidate, Map<String, String> directories) {
        String canonical = "";
        for (String component : candidate.directories()) {
            String path = join(canonical, component);
            canonical = directories.computeIfAbsent(fold(path), folded -> path);
        }
        return canonical;
    }

    private static List<PlannedName> uniqueNames(
            List<Candidate> candidates, List<String> parents, Set<String> foldedDirectories) {
        Set<String> taken = new HashSet<>();
        // A renamed file must not take the natural name of a file later in the order, nor a folder's.
        Set<String> reserved = new HashSet<>(foldedDirectories);
        for (int i = 0; i < candidates.size(); i++) {
            reserved.add(fold(join(parents.get(i), candidates.get(i).fileName())));
        }
        Map<String, Integer> nextSuffix = new HashMap<>();

        List<PlannedName> names = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            String name = join(parents.get(i), candidate.fileName());
            String natural = fold(name);
            if (foldedDirectories.contains(natural) || !taken.add(natural)) {
                int n = nextSuffix.getOrDefault(natural, 2);
                do {
                    name = join(parents.get(i), SafeComponent.withSuffix(candidate.fileName(), " (" + n++ + ")"));
                } while (reserved.contains(fold(name)) || !taken.add(fold(name)));
                nextSuffix.put(natural, n);
            }
            names.add(new PlannedName(candidate.source(), name));
        }
        return names;
    }

    private static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }
}
