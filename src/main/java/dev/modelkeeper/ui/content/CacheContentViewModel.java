package dev.modelkeeper.ui.content;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Repo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the centre of the window: which repos are shown (selected root + filter), the selection and
 * the count line. No scene graph here; all methods run on the FX thread.
 */
public final class CacheContentViewModel {

    private final PathActions pathActions;
    private final ResourceBundle texts;
    private final Clock clock;
    private final Map<CacheRoot, List<Repo>> byRoot = new LinkedHashMap<>();
    private final ObservableList<Repo> visible = FXCollections.observableArrayList();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<ContentRow> selection = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");
    private boolean refreshing = true; // the window scans as it opens: until then the tree says "Scanning…"
    private boolean scannedOnce;
    private final VerifyState verify = new VerifyState();
    private final List<RowAction> rowActions = new ArrayList<>();
    private final List<RowAction> problemActions = new ArrayList<>();
    private final Map<String, java.util.function.BiPredicate<Repo, String>> filterFields = new LinkedHashMap<>();
    private final javafx.collections.ObservableMap<java.nio.file.Path, javafx.beans.value.ObservableDoubleValue>
            downloading = FXCollections.observableHashMap();
    private CacheRoot shownRoot;
    private RepoFilter filter = RepoFilter.parse("", java.time.Instant.now());

    public CacheContentViewModel(PathActions pathActions) {
        this(pathActions, new dev.modelkeeper.ui.LiveTexts(Locale.getDefault()), Clock.systemUTC());
    }

    /** With the window's texts: after a language switch, {@link #relocalize()} renders the counts again. */
    public CacheContentViewModel(PathActions pathActions, ResourceBundle texts, Clock clock) {
        this.pathActions = pathActions;
        this.texts = texts;
        this.clock = clock;
        filterText.addListener((obs, old, text) -> refilter());
        updateCount();
    }

    /**
     * Removes every row (before a full rescan); the table says "Scanning…" until rows arrive on the first scan,
     * "Refreshing…" on later ones.
     */
    public void clear() {
        byRoot.clear();
        refreshing = true;
        rebuild();
    }

    /** Adds one repo that a running scan just found under {@code root}. */
    public void addRepo(CacheRoot root, Repo repo) {
        byRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(repo);
        if (isShown(root) && filter.test(repo)) {
            visible.add(repo);
        }
        updateCount();
    }

    /** Replaces all rows of {@code scan.root()} with the finished scan's repos. */
    public void setScan(CacheScan scan) {
        byRoot.put(scan.root(), new ArrayList<>(scan.repos()));
        refreshing = false;
        scannedOnce = true;
        verify.scanned(scan);
        rebuild();
    }

    /** Shows only the repos of {@code root}; null shows every root. */
    public void showRoot(CacheRoot root) {
        shownRoot = root;
        rebuild();
    }

    /** Adds a filter token {@code name:value} that a feature answers ({@code outdated:yes}). */
    public void addFilterField(String name, java.util.function.BiPredicate<Repo, String> test) {
        filterFields.put(name, test);
        refilter();
    }

    /** Filters again: what a feature's token answers has changed. */
    public void refilter() {
        filter = RepoFilter.parse(filterText.get(), clock.instant(), filterFields);
        rebuild();
    }

    /**
     * The repo folders a download writes into now, each with its progress (0 to 1, -1 while it lists files); the
     * downloads feature keeps it, the tree shows a small bar on those rows.
     */
    public javafx.collections.ObservableMap<java.nio.file.Path, javafx.beans.value.ObservableDoubleValue> downloading() {
        return downloading;
    }

    /** The progress of the download writing into this repo, if one runs. */
    public java.util.Optional<javafx.beans.value.ObservableDoubleValue> downloadOf(Repo repo) {
        return java.util.Optional.ofNullable(downloading.get(repo.repoPath().toAbsolutePath().normalize()));
    }

    /** Verdicts and findings of verify runs. */
    public VerifyState verify() {
        return verify;
    }

    /** Adds an entry to every row's context menu, after those added before (features add theirs). */
    public void addRowAction(RowAction action) {
        rowActions.add(action);
    }

    /** The entries features added to the rows' context menu, in the order they were added. */
    public List<RowAction> rowActions() {
        return java.util.Collections.unmodifiableList(rowActions);
    }

    /** Adds an entry to every problem's context menu; it acts on the repo row of the problem. */
    public void addProblemAction(RowAction action) {
        problemActions.add(action);
    }

    /** The entries features added to the problems' context menu, in the order they were added. */
    public List<RowAction> problemActions() {
        return java.util.Collections.unmodifiableList(problemActions);
    }

    /** The repo a problem is in, among the scanned ones. */
    public java.util.Optional<Repo> repoOf(dev.modelkeeper.core.verify.VerifyFinding f) {
        return verify.problems().repoOf(f).flatMap(dir -> byRoot.values().stream().flatMap(List::stream)
                .filter(r -> ProblemsModel.norm(r.repoPath()).equals(dir)).findFirst());
    }

    /** The row a problem is about: its file when known, else its revision or its repo. */
    public java.util.Optional<ContentRow> rowOf(dev.modelkeeper.core.verify.VerifyFinding f) {
        return repoOf(f).map(repo -> {
            if (f.files().isEmpty()) {
                return ContentRow.of(repo);
            }
            var ref = f.files().getFirst();
            var rev = repo.revisions().stream().filter(r -> r.commitHash().equals(ref.commit())).findFirst();
            var file = rev.flatMap(r -> r.files().stream().filter(x -> x.filePath().equals(ref.filePath())).findFirst());
            return rev.isEmpty() ? ContentRow.of(repo) : new ContentRow(repo, rev.get(), file.orElse(null));
        });
    }

    /** The file to show in the file manager for a problem: the file as the model uses it, not its blob. */
    public java.nio.file.Path fileOf(dev.modelkeeper.core.verify.VerifyFinding f) {
        return rowOf(f).filter(r -> r.file() != null).map(ContentRow::path).orElse(f.path());
    }

    public PathActions pathActions() {
        return pathActions;
    }

    public ResourceBundle texts() {
        return texts;
    }

    public Locale locale() {
        return dev.modelkeeper.ui.Errors.locale(texts);
    }

    /** The language changed: the count and the empty-list sentence are rendered again. */
    public void relocalize() {
        updateCount();
    }

    public Clock clock() {
        return clock;
    }

    /** Repos of the shown root(s) that pass the filter, in arrival order (the view sorts). */
    public ObservableList<Repo> visibleRepos() {
        return visible;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<ContentRow> selectionProperty() {
        return selection;
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    /** What the table says when it has no row: refreshing, nothing matches the filter, or no models. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** Whether rows are hidden by the filter (the empty table then offers to clear it). */
    public boolean isFiltering() {
        return !filterText.get().isBlank();
    }

    private boolean isShown(CacheRoot root) {
        return shownRoot == null || shownRoot.equals(root);
    }

    private void rebuild() {
        var list = new ArrayList<Repo>();
        byRoot.forEach((root, repos) -> {
            if (isShown(root)) {
                repos.stream().filter(filter::test).forEach(list::add);
            }
        });
        visible.setAll(list);
        if (selection.get() != null && !list.contains(selection.get().repo())) {
            selection.set(null);
        }
        updateCount();
    }

    private void updateCount() {
        long total = byRoot.entrySet().stream().filter(e -> isShown(e.getKey()))
                .mapToLong(e -> e.getValue().size()).sum();
        countText.set(java.text.MessageFormat.format(texts.getString("content.count"), visible.size(), total));
        emptyText.set(refreshing && total == 0 ? texts.getString(scannedOnce ? "content.refreshing" : "content.scanning")
                : isFiltering() && total > 0 ? java.text.MessageFormat.format(texts.getString("content.noMatch"),
                        filterText.get().strip()) : texts.getString("content.empty"));
    }
}
