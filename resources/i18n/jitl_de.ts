<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ContentProblems</name>
    <message>
        <source>Content problems</source>
        <extracomment>problems listed in ``status --json`` and on the page (the count is always complete) the page&apos;s title and the tray and library entry&apos;s (said in the UI&apos;s language)</extracomment>
        <translation>Probleme mit Inhalten</translation>
    </message>
    <message>
        <source>No problems: every content file was read.</source>
        <translation>Keine Probleme: Alle Inhaltsdateien wurden gelesen.</translation>
    </message>
    <message>
        <source>And %1 more: run `jitl-desktop lint` for all of them.</source>
        <translation>Und %1 weitere: Führen Sie `jitl-desktop lint` aus, um alle zu sehen.</translation>
    </message>
    <message>
        <source>These content files have problems: a file with an error is left out of the search until it is fixed. Each line says the file, the line and what is wrong; the list updates when a file is saved.</source>
        <translation>Diese Inhaltsdateien haben Probleme: Eine Datei mit einem Fehler wird nicht durchsucht, bis er behoben ist. Jede Zeile nennt die Datei, die Zeile und das Problem; die Liste wird aktualisiert, sobald eine Datei gespeichert wird.</translation>
    </message>
</context>
<context>
    <name>HotkeyController</name>
    <message>
        <source>JITL Desktop is running.</source>
        <extracomment>one-time messages shown in this run (for ``status``)</extracomment>
        <translation>JITL Desktop läuft.</translation>
    </message>
    <message>
        <source>JITL Desktop is running</source>
        <translation>JITL Desktop läuft</translation>
    </message>
    <message>
        <source>Press {combo} in any application to search.</source>
        <translation>Drücken Sie in einer beliebigen Anwendung {combo}, um zu suchen.</translation>
    </message>
    <message>
        <source>There is no global hotkey here: &apos;jitl-desktop toggle&apos; opens the search.</source>
        <translation>Hier gibt es kein globales Tastenkürzel: „jitl-desktop toggle“ öffnet die Suche.</translation>
    </message>
    <message>
        <source>The JITL Desktop icon in the system tray opens the library, settings and more.</source>
        <translation>Das JITL-Desktop-Symbol im Systembereich der Kontrollleiste öffnet die Bibliothek, die Einstellungen und mehr.</translation>
    </message>
    <message>
        <source>There is no system tray here; the library and settings are &apos;jitl-desktop library&apos; and &apos;jitl-desktop settings&apos;.</source>
        <translation>Hier gibt es keinen Systembereich; Bibliothek und Einstellungen öffnen „jitl-desktop library“ und „jitl-desktop settings“.</translation>
    </message>
    <message>
        <source>press %1 to search</source>
        <translation>Drücken Sie %1, um zu suchen</translation>
    </message>
    <message>
        <source>JITL Desktop has no global hotkey</source>
        <translation>JITL Desktop hat kein globales Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>HotkeyRecorder</name>
    <message>
        <source>Press the new combination… (Esc cancels)</source>
        <translation>Drücken Sie die neue Tastenkombination … (Esc bricht ab)</translation>
    </message>
</context>
<context>
    <name>ItemService</name>
    <message>
        <source>This video is on another server; your organisation has not allowed playing remote media</source>
        <extracomment>what the library says instead of playing a video on a web server the settings forbid</extracomment>
        <translation>Dieses Video liegt auf einem anderen Server; Ihre Organisation erlaubt das Abspielen entfernter Medien nicht</translation>
    </message>
    <message>
        <source>Link not opened: %1 — there is no item “%2”.</source>
        <extracomment>the video is on a web server: fetched only when the user presses Play why the video may not be played at all (&quot;&quot; when it may); video_url is then None the video&apos;s transcripts by language (``{&quot;en&quot;: cues, &quot;de&quot;: cues}``) when it has more than one; ``cues`` are those in ``transcript_lang``</extracomment>
        <translation>Link nicht geöffnet: %1 – es gibt keinen Eintrag „%2“.</translation>
    </message>
    <message>
        <source>Link not opened: %1 — no program on this computer opens it.</source>
        <translation>Link nicht geöffnet: %1 – kein Programm auf diesem Computer öffnet ihn.</translation>
    </message>
    <message>
        <source>No video player could open %1.</source>
        <translation>Kein Videoplayer konnte %1 öffnen.</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>Next for you</source>
        <extracomment>a content root&apos;s optional file of topic names, and the most of it that is read the topic of items that name none (tldr pages, plain folders of Markdown) lists that are not topics, shown above them</extracomment>
        <translation>Als Nächstes für Sie</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Lesezeichen</translation>
    </message>
    <message>
        <source>My learning</source>
        <translation>Mein Lernen</translation>
    </message>
    <message>
        <source>Other</source>
        <extracomment>up to this many items, the list of items is read as soon as the index is ready (the tray&apos;s topics are there at once); above it, when the tray menu or the library first needs it</extracomment>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>**Streak:** %1</source>
        <translation>**Serie:** %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) in a row</source>
        <translation>
            <numerusform>%n Tag in Folge</numerusform>
            <numerusform>%n Tage in Folge</numerusform>
        </translation>
    </message>
    <message>
        <source>**Done this week:** %1 (in all: %2)</source>
        <translation>**Diese Woche erledigt:** %1 (insgesamt: %2)</translation>
    </message>
    <message>
        <source>**Bookmarks:** %1</source>
        <translation>**Lesezeichen:** %1</translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n Lesezeichen</numerusform>
            <numerusform>%n Lesezeichen</numerusform>
        </translation>
    </message>
    <message>
        <source>Topics in progress</source>
        <translation>Begonnene Themen</translation>
    </message>
    <message>
        <source>%1: %2 of %3 done, up to %4 level</source>
        <translation>%1: %2 von %3 erledigt, bis Niveau „%4“</translation>
    </message>
    <message>
        <source>%1: %2 of %3 done</source>
        <translation>%1: %2 von %3 erledigt</translation>
    </message>
    <message>
        <source>None yet: mark items done in the library or with Ctrl+D in the search window.</source>
        <translation>Noch keine: Markieren Sie Einträge in der Bibliothek oder mit Strg+D im Suchfenster als erledigt.</translation>
    </message>
    <message>
        <source>Topics completed</source>
        <translation>Abgeschlossene Themen</translation>
    </message>
    <message>
        <source>Quick checks</source>
        <translation>Kurztests</translation>
    </message>
    <message>
        <source>%1: %2 of %3 right</source>
        <translation>%1: %2 von %3 richtig</translation>
    </message>
    <message>
        <source>Recently opened</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Opened, not done yet</source>
        <translation>Geöffnet, noch nicht erledigt</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>Any kind</source>
        <translation>Jede Art</translation>
    </message>
    <message>
        <source>Any application</source>
        <translation>Jede Anwendung</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Jedes Schlagwort</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>Jedes Niveau</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <extracomment>the filters&apos; labels and names for a screen reader</extracomment>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>A&amp;pp:</source>
        <translation>Anwen&amp;dung:</translation>
    </message>
    <message>
        <source>Ta&amp;g:</source>
        <translation>Schlag&amp;wort:</translation>
    </message>
    <message>
        <source>Le&amp;vel:</source>
        <translation>&amp;Niveau:</translation>
    </message>
    <message>
        <source>Filter by kind</source>
        <translation>Nach Art filtern</translation>
    </message>
    <message>
        <source>Filter by application</source>
        <translation>Nach Anwendung filtern</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Nach Schlagwort filtern</translation>
    </message>
    <message>
        <source>Filter by level</source>
        <translation>Nach Niveau filtern</translation>
    </message>
    <message>
        <source>Resize the topics and the list</source>
        <extracomment>the item&apos;s video is on a web server and Play has not been pressed yet</extracomment>
        <translation>Breite von Themen und Liste ändern</translation>
    </message>
    <message>
        <source>Resize the list and the item</source>
        <translation>Breite von Liste und Eintrag ändern</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Choose an item</source>
        <translation>Wählen Sie einen Eintrag</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Content problems: show the list</source>
        <translation>Probleme mit Inhalten: Liste anzeigen</translation>
    </message>
    <message>
        <source>Filter by title…</source>
        <translation>Nach Titel filtern …</translation>
    </message>
    <message>
        <source>Filter items by title</source>
        <translation>Einträge nach Titel filtern</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>Filter leeren</translation>
    </message>
    <message>
        <source>Number of items listed</source>
        <translation>Anzahl der aufgeführten Einträge</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Item title</source>
        <translation>Titel des Eintrags</translation>
    </message>
    <message>
        <source>Related and prerequisite items</source>
        <translation>Verwandte und vorausgesetzte Einträge</translation>
    </message>
    <message>
        <source>Play video in the system player</source>
        <translation>Video im Videoplayer des Systems abspielen</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Video player message</source>
        <translation>Meldung des Videoplayers</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Link nicht geöffnet</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Lesezeichen setzen</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Was this helpful?</source>
        <translation>War das hilfreich?</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Yes, this was helpful</source>
        <translation>Ja, das war hilfreich</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>No, this was not helpful</source>
        <translation>Nein, das war nicht hilfreich</translation>
    </message>
    <message>
        <source>Tell the authors why (optional), then Enter</source>
        <translation>Sagen Sie den Autoren, warum (optional), dann Eingabetaste</translation>
    </message>
    <message>
        <source>Comment for the authors</source>
        <translation>Kommentar für die Autoren</translation>
    </message>
    <message>
        <source>Vote recorded</source>
        <translation>Bewertung gespeichert</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <source>Done. Check yourself: %1</source>
        <extracomment>the entries listed, in the model&apos;s order</extracomment>
        <translation>Erledigt. Prüfen Sie sich selbst: %1</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>Lesezeichen gesetzt</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Thanks, noted.</source>
        <translation>Danke, vermerkt.</translation>
    </message>
    <message>
        <source>Thanks, your comment is saved on this computer.</source>
        <translation>Danke, Ihr Kommentar ist auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>Thanks, the item&apos;s owner will see it.</source>
        <translation>Danke, die Verantwortlichen des Eintrags sehen es.</translation>
    </message>
    <message>
        <source>All items (%1)</source>
        <translation>Alle Einträge (%1)</translation>
    </message>
    <message>
        <source>%1 (%2/%3 done, %4)</source>
        <translation>%1 (%2/%3 erledigt, %4)</translation>
    </message>
    <message>
        <source>%1 (%2/%3 done)</source>
        <translation>%1 (%2/%3 erledigt)</translation>
    </message>
    <message>
        <source>First: %1</source>
        <translation>Zuerst: %1</translation>
    </message>
    <message>
        <source>Related: %1</source>
        <translation>Verwandt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>No items match these filters.</source>
        <translation>Keine Einträge passen zu diesen Filtern.</translation>
    </message>
    <message>
        <source>This video is on another server (%1); it is fetched only when you press Play.</source>
        <translation>Dieses Video liegt auf einem anderen Server (%1); es wird erst geladen, wenn Sie auf „Abspielen“ klicken.</translation>
    </message>
    <message>
        <source>no video player</source>
        <translation>kein Videoplayer</translation>
    </message>
    <message>
        <source>%1. Use “Play” to open it in your system&apos;s video player (skip to %2).</source>
        <translation>%1. Mit „Abspielen“ öffnen Sie es im Videoplayer des Systems (springen Sie zu %2).</translation>
    </message>
    <message>
        <source>%1. Use “Play” to open it in your system&apos;s video player.</source>
        <translation>%1. Mit „Abspielen“ öffnen Sie es im Videoplayer des Systems.</translation>
    </message>
    <message>
        <source>Play from %1</source>
        <translation>Ab %1 abspielen</translation>
    </message>
</context>
<context>
    <name>OverlayController</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Link not opened: %1 — links cannot be followed here.</source>
        <translation>Link nicht geöffnet: %1 – Links können hier nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>No app context</source>
        <translation>Kein Anwendungskontext</translation>
    </message>
    <message>
        <source>this application</source>
        <translation>diese Anwendung</translation>
    </message>
    <message>
        <source>In: %1</source>
        <translation>In: %1</translation>
    </message>
    <message>
        <source>Search without it (Backspace)</source>
        <translation>Ohne sie suchen (Rücktaste)</translation>
    </message>
    <message>
        <source>Enter plays the video from here.</source>
        <translation>Die Eingabetaste spielt das Video ab dieser Stelle ab.</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>Lesezeichen gesetzt</translation>
    </message>
    <message>
        <source>Bookmark removed</source>
        <translation>Lesezeichen entfernt</translation>
    </message>
    <message>
        <source>Marked done</source>
        <translation>Als erledigt markiert</translation>
    </message>
    <message>
        <source>No longer marked done</source>
        <translation>Nicht mehr als erledigt markiert</translation>
    </message>
    <message>
        <source>Thanks: noted as helpful</source>
        <translation>Danke: als hilfreich vermerkt</translation>
    </message>
    <message>
        <source>Thanks: noted as not helpful</source>
        <translation>Danke: als nicht hilfreich vermerkt</translation>
    </message>
    <message>
        <source>Not saved yet: %1. It is kept and saved as soon as possible.</source>
        <translation>Noch nicht gespeichert: %1. Es wird aufbewahrt und so bald wie möglich gespeichert.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message>
        <source>No app context: %1.</source>
        <translation>Kein Anwendungskontext: %1.</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Type two or three words: &lt;i&gt;unzip file&lt;/i&gt;, &lt;i&gt;undo commit&lt;/i&gt;, &lt;i&gt;freeze header row&lt;/i&gt;.</source>
        <translation>Geben Sie zwei oder drei Wörter ein: &lt;i&gt;Datei entpacken&lt;/i&gt;, &lt;i&gt;Commit rückgängig&lt;/i&gt;, &lt;i&gt;Kopfzeile fixieren&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>Showing results for %1 (you typed %2).</source>
        <translation>Ergebnisse für %1 (Sie haben %2 eingegeben).</translation>
    </message>
    <message>
        <source>Nothing here answers %1. The closest:</source>
        <translation>Nichts hier beantwortet %1. Am nächsten kommen:</translation>
    </message>
    <message>
        <source>search without the app context</source>
        <translation>ohne den Anwendungskontext suchen</translation>
    </message>
    <message>
        <source>allow typos</source>
        <translation>Tippfehler zulassen</translation>
    </message>
    <message>
        <source>Try %1 or %2.</source>
        <translation>Versuchen Sie: %1 oder %2.</translation>
    </message>
    <message>
        <source>Try %1.</source>
        <translation>Versuchen Sie: %1.</translation>
    </message>
    <message>
        <source>Try fewer or other words.</source>
        <translation>Versuchen Sie weniger oder andere Wörter.</translation>
    </message>
    <message>
        <source>No results for %1.</source>
        <translation>Keine Ergebnisse für %1.</translation>
    </message>
</context>
<context>
    <name>OverlayWindow</name>
    <message>
        <source>Search</source>
        <extracomment>after present() activated the overlay itself, a deactivation this soon (s) is Qt&apos;s own late bookkeeping, not the user leaving the window the search window&apos;s size where the screen has room for it when it last became the active window (epoch), the last key (perf_counter) when present() activated the window itself (monotonic), see there what was last announced to screen readers (newest last)</extracomment>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>JITL Desktop search</source>
        <translation>JITL-Desktop-Suche</translation>
    </message>
    <message>
        <source>Type words; Up and Down choose a result, Enter opens it, Escape closes</source>
        <translation>Geben Sie Wörter ein; Pfeil hoch und runter wählen ein Ergebnis, die Eingabetaste öffnet es, Esc schließt</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Type two or three words…</source>
        <translation>Zwei oder drei Wörter eingeben …</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n Ergebnis</numerusform>
            <numerusform>%n Ergebnisse</numerusform>
        </translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Keine Ergebnisse</translation>
    </message>
    <message numerus="yes">
        <source>No good match, %n result(s)</source>
        <translation>
            <numerusform>Keine gute Übereinstimmung, %n Ergebnis</numerusform>
            <numerusform>Keine gute Übereinstimmung, %n Ergebnisse</numerusform>
        </translation>
    </message>
    <message>
        <source>{position} of {count}: {row}</source>
        <translation>{position} von {count}: {row}</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <extracomment>the languages of the windows, each named in itself (the settings&apos; language list) the app&apos;s translation files: ``jitl_&lt;language&gt;.qm``</extracomment>
        <translation>LTR</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <source>Question %1</source>
        <translation>Frage %1</translation>
    </message>
    <message>
        <source>Question %1: %2</source>
        <translation>Frage %1: %2</translation>
    </message>
    <message>
        <source>Answer %1 to question %2</source>
        <translation>Antwort %1 auf Frage %2</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Answer to question %1</source>
        <translation>Antwort auf Frage %1</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check the answer to question %1</source>
        <translation>Die Antwort auf Frage %1 prüfen</translation>
    </message>
    <message>
        <source>Shows whether the answer is right, and why</source>
        <translation>Zeigt, ob die Antwort richtig ist, und warum</translation>
    </message>
    <message>
        <source>Feedback on question %1</source>
        <translation>Rückmeldung zu Frage %1</translation>
    </message>
    <message>
        <source>Choose or type an answer first.</source>
        <translation>Wählen Sie zuerst eine Antwort oder geben Sie eine ein.</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>Richtig.</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>Nicht ganz.</translation>
    </message>
    <message>
        <source>The answer: %1.</source>
        <translation>Die Antwort: %1.</translation>
    </message>
</context>
<context>
    <name>QuizView</name>
    <message>
        <source>Quick check</source>
        <translation>Kurztest</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>%1 of %2 right so far — all answered.</source>
        <translation>%1 von %2 richtig – alle beantwortet.</translation>
    </message>
    <message>
        <source>%1 of %2 right so far.</source>
        <translation>Bisher %1 von %2 richtig.</translation>
    </message>
    <message>
        <source>Last time: %1 of %2 right.</source>
        <translation>Letztes Mal: %1 von %2 richtig.</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s), about a minute.</source>
        <translation>
            <numerusform>%n Frage, etwa eine Minute.</numerusform>
            <numerusform>%n Fragen, etwa eine Minute.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportProblemDialog</name>
    <message>
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <source>What is wrong with “%1”?</source>
        <translation>Was stimmt nicht mit „%1“?</translation>
    </message>
    <message>
        <source>What should change? (optional)</source>
        <translation>Was sollte sich ändern? (optional)</translation>
    </message>
    <message>
        <source>Comment for the item&apos;s owner</source>
        <translation>Kommentar für die Verantwortlichen des Eintrags</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>RowDelegate</name>
    <message>
        <source>bookmarked</source>
        <translation>mit Lesezeichen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>there is no setting &apos;%1&apos;</source>
        <extracomment>applies a new value outside the app; returns None, or why it could not</extracomment>
        <translation>die Einstellung „%1“ gibt es nicht</translation>
    </message>
    <message>
        <source>%1 is managed by your organisation.</source>
        <translation>„%1“ wird von Ihrer Organisation verwaltet.</translation>
    </message>
    <message>
        <source>Start at login is set for every user by your organisation (%1); it cannot be turned off here.</source>
        <translation>Der Start bei der Anmeldung ist von Ihrer Organisation für alle Benutzer eingestellt (%1); er kann hier nicht ausgeschaltet werden.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Managed by your organisation</source>
        <translation>Von Ihrer Organisation verwaltet</translation>
    </message>
    <message>
        <source>&amp;Starter content</source>
        <extracomment>the check boxes&apos; texts with their keyboard mnemonics (Alt+letter); their names for a screen reader and their tooltips are the settings&apos; labels and descriptions</extracomment>
        <translation>&amp;Startinhalte</translation>
    </message>
    <message>
        <source>&amp;Hide when focus is lost</source>
        <translation>Bei Fokusverlust &amp;ausblenden</translation>
    </message>
    <message>
        <source>Start at &amp;login</source>
        <translation>Bei der Anmeldung s&amp;tarten</translation>
    </message>
    <message>
        <source>Su&amp;ggest for the application in use</source>
        <translation>Inhalte für die verwendete Anwendung vorschla&amp;gen</translation>
    </message>
    <message>
        <source>&amp;Keep a history of what I open and search</source>
        <translation>Einen &amp;Verlauf meiner geöffneten Einträge und Suchen führen</translation>
    </message>
    <message>
        <source>Play videos from other servers</source>
        <translation>Videos von anderen Servern abspielen</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Problems with the settings</source>
        <translation>Probleme mit den Einstellungen</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Hotkey: click, then press the new combination</source>
        <translation>Tastenkürzel: klicken, dann die neue Kombination drücken</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Stan&amp;dard</translation>
    </message>
    <message>
        <source>Use the default hotkey</source>
        <translation>Das Standard-Tastenkürzel verwenden</translation>
    </message>
    <message>
        <source>Hotkey message</source>
        <translation>Meldung zum Tastenkürzel</translation>
    </message>
    <message>
        <source>Show or hide the search &amp;window:</source>
        <translation>Such&amp;fenster ein- oder ausblenden:</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Inhalte</translation>
    </message>
    <message>
        <source>Your content folders</source>
        <translation>Ihre Inhaltsordner</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Ordner &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Add a content folder</source>
        <translation>Einen Inhaltsordner hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected content folder</source>
        <translation>Den ausgewählten Inhaltsordner entfernen</translation>
    </message>
    <message>
        <source>Reindex &amp;now</source>
        <translation>&amp;Jetzt neu indizieren</translation>
    </message>
    <message>
        <source>Rebuild the search index</source>
        <translation>Den Suchindex neu aufbauen</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>Fortschritt der Indizierung</translation>
    </message>
    <message>
        <source>Index state</source>
        <translation>Zustand des Index</translation>
    </message>
    <message>
        <source>Content folders message</source>
        <translation>Meldung zu den Inhaltsordnern</translation>
    </message>
    <message>
        <source>Behaviour and appearance</source>
        <translation>Verhalten und Erscheinungsbild</translation>
    </message>
    <message>
        <source>Start at login message</source>
        <translation>Meldung zum Start bei der Anmeldung</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>Far&amp;bschema:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>History message</source>
        <translation>Meldung zum Verlauf</translation>
    </message>
    <message>
        <source>E&amp;xport history…</source>
        <translation>Verlauf e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export the history to a file</source>
        <translation>Den Verlauf in eine Datei exportieren</translation>
    </message>
    <message>
        <source>&amp;Clear history…</source>
        <translation>Verlauf &amp;löschen …</translation>
    </message>
    <message>
        <source>Clear the history</source>
        <translation>Den Verlauf löschen</translation>
    </message>
    <message>
        <source>Learning records</source>
        <translation>Lerndaten</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Privacy (nothing leaves this computer)</source>
        <translation>Datenschutz (nichts verlässt diesen Computer)</translation>
    </message>
    <message>
        <source>Learning records (what you open, search, mark and answer, under a pseudonym) are sent to %1. %2.</source>
        <translation>Lerndaten (was Sie öffnen, suchen, markieren und beantworten, unter einem Pseudonym) werden an %1 gesendet. %2.</translation>
    </message>
    <message>
        <source>Learning records are kept on this computer only.</source>
        <translation>Lerndaten bleiben nur auf diesem Computer.</translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf löschen</translation>
    </message>
    <message>
        <source>Forget every item opened, search, bookmark, done mark, vote and quiz answer on this computer?</source>
        <translation>Alle geöffneten Einträge, Suchen, Lesezeichen, Erledigt-Markierungen, Bewertungen und Testantworten auf diesem Computer vergessen?</translation>
    </message>
    <message>
        <source>%1: started at login for every user (%2).</source>
        <translation>%1: wird für alle Benutzer bei der Anmeldung gestartet (%2).</translation>
    </message>
    <message>
        <source>%1: personal content folders are not allowed on this computer.</source>
        <translation>%1: Persönliche Inhaltsordner sind auf diesem Computer nicht erlaubt.</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Indizierung läuft …</translation>
    </message>
    <message>
        <source>Indexing… %1 of %2 files read</source>
        <translation>Indizierung läuft … %1 von %2 Dateien gelesen</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) with problems (run &apos;jitl-desktop lint&apos; for details)</source>
        <translation>
            <numerusform>%n Datei mit Problemen (Details mit „jitl-desktop lint“)</numerusform>
            <numerusform>%n Dateien mit Problemen (Details mit „jitl-desktop lint“)</numerusform>
        </translation>
    </message>
    <message>
        <source>Index up to date: %1 added, %2 changed, %3 removed in %4 s%5.</source>
        <translation>Index aktuell: %1 hinzugefügt, %2 geändert, %3 entfernt in %4 s%5.</translation>
    </message>
    <message>
        <source>Indexing failed: %1</source>
        <translation>Indizierung fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <source>Loading…</source>
        <extracomment>items listed under one topic in the tray before &quot;All N items…&quot; entries of the tray&apos;s Bookmarks and Suggested submenus the menu&apos;s words in the language installed (said each time the menu opens)</extracomment>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Open the library…</source>
        <translation>Bibliothek öffnen …</translation>
    </message>
    <message>
        <source>Suggested for %1</source>
        <translation>Vorschläge für %1</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Suchen …</translation>
    </message>
    <message>
        <source>Browse topics</source>
        <translation>Themen durchsuchen</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Lesezeichen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Indizierung läuft …</translation>
    </message>
    <message>
        <source>Reindex content</source>
        <translation>Inhalte neu indizieren</translation>
    </message>
    <message>
        <source>About JITL Desktop</source>
        <translation>Über JITL Desktop</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>All %1 items…</source>
        <translation>Alle %1 Einträge …</translation>
    </message>
    <message>
        <source>this application</source>
        <translation>diese Anwendung</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <source>not a video format this player can decode</source>
        <extracomment>how far Left/Right seek, in milliseconds after the user scrolls the transcript by hand, playback leaves it where it is this long languages by their own names, as a transcript&apos;s language is offered (Qt&apos;s own names of a bare language name a country too: &quot;American English&quot;) what Qt&apos;s terse error strings mean for the user, by QMediaPlayer.Error name</extracomment>
        <translation>kein Videoformat, das dieser Player dekodieren kann</translation>
    </message>
    <message>
        <source>a network problem</source>
        <translation>ein Netzwerkproblem</translation>
    </message>
    <message>
        <source>no permission to read it</source>
        <translation>keine Berechtigung zum Lesen</translation>
    </message>
    <message>
        <source>Video player</source>
        <extracomment>where chapters start (ms), drawn as marks on the groove a seek asked for before the media could take it (ms) the position the slider and the time show (ms)</extracomment>
        <translation>Videoplayer</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Player message</source>
        <translation>Meldung des Players</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>Kapitel</translation>
    </message>
    <message>
        <source>Enter or a click plays from the chapter</source>
        <translation>Eingabetaste oder ein Klick spielt ab diesem Kapitel ab</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <source>Transcript language</source>
        <translation>Sprache des Transkripts</translation>
    </message>
    <message>
        <source>Transcript:</source>
        <translation>Transkript:</translation>
    </message>
    <message>
        <source>the file is not a video this player can decode</source>
        <translation>die Datei ist kein Video, das dieser Player dekodieren kann</translation>
    </message>
    <message>
        <source>the file does not exist (%1)</source>
        <translation>die Datei existiert nicht (%1)</translation>
    </message>
    <message>
        <source>Cannot play %1 here: %2</source>
        <translation>%1 kann hier nicht abgespielt werden: %2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>%1, at %2</source>
        <translation>%1, bei %2</translation>
    </message>
    <message>
        <source>Play from %1</source>
        <translation>Ab %1 abspielen</translation>
    </message>
</context>
<context>
    <name>Why</name>
    <message>
        <source>For %1</source>
        <extracomment>why an item is listed, as core/ words it (recommend.py, search.py), and its source string for the translation</extracomment>
        <translation>Für %1</translation>
    </message>
    <message>
        <source>More in %1</source>
        <translation>Mehr in %1</translation>
    </message>
    <message>
        <source>Check yourself on “%1”</source>
        <translation>Prüfen Sie sich zu „%1“</translation>
    </message>
    <message>
        <source>Check yourself</source>
        <translation>Prüfen Sie sich selbst</translation>
    </message>
    <message>
        <source>Next after “%1”</source>
        <translation>Als Nächstes nach „%1“</translation>
    </message>
    <message>
        <source>Related to “%1”, which you found helpful</source>
        <translation>Verwandt mit „%1“, das Sie hilfreich fanden</translation>
    </message>
    <message>
        <source>Related to “%1”, which you have done</source>
        <translation>Verwandt mit „%1“, das Sie erledigt haben</translation>
    </message>
    <message>
        <source>Related to “%1”, which you looked at</source>
        <translation>Verwandt mit „%1“, das Sie angesehen haben</translation>
    </message>
    <message>
        <source>at your level</source>
        <translation>auf Ihrem Niveau</translation>
    </message>
    <message numerus="yes">
        <source>chosen by %n colleague(s) for similar searches</source>
        <translation>
            <numerusform>von %n Kollegin oder Kollegen bei ähnlichen Suchen gewählt</numerusform>
            <numerusform>von %n Kolleginnen und Kollegen bei ähnlichen Suchen gewählt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>About JITL Desktop</source>
        <translation>Über JITL Desktop</translation>
    </message>
    <message>
        <source>Just-in-time learning on the desktop.</source>
        <translation>Lernen im richtigen Moment, direkt am Desktop.</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <source>guide</source>
        <translation>Anleitung</translation>
    </message>
    <message>
        <source>snippet</source>
        <translation>Schnipsel</translation>
    </message>
    <message>
        <source>video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>quiz</source>
        <translation>Kurztest</translation>
    </message>
    <message>
        <source>quick check</source>
        <extracomment>the kinds as a screen reader says them (translated in the context &quot;kinds&quot;)</extracomment>
        <translation>Kurztest</translation>
    </message>
</context>
<context>
    <name>levels</name>
    <message>
        <source>beginner</source>
        <translation>Einsteiger</translation>
    </message>
    <message>
        <source>intermediate</source>
        <translation>Fortgeschritten</translation>
    </message>
    <message>
        <source>advanced</source>
        <translation>Experte</translation>
    </message>
</context>
<context>
    <name>notices</name>
    <message>
        <source>Content may be out of date</source>
        <extracomment>notices other parts send in English (``services/updates.py``), said when shown</extracomment>
        <translation>Inhalte sind möglicherweise veraltet</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>It is &amp;outdated</source>
        <extracomment>what the user may say is wrong, one button each (``core/xapi.py`` PROBLEM_KINDS)</extracomment>
        <translation>Der Inhalt ist &amp;veraltet</translation>
    </message>
    <message>
        <source>Something in it is &amp;wrong</source>
        <translation>Etwas darin ist &amp;falsch</translation>
    </message>
    <message>
        <source>A &amp;step is missing</source>
        <translation>Ein &amp;Schritt fehlt</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Suggest for the application in use</source>
        <translation>Inhalte für die verwendete Anwendung vorschlagen</translation>
    </message>
    <message>
        <source>Hotkey</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Global key combination that shows and hides the search window.</source>
        <translation>Globale Tastenkombination, die das Suchfenster ein- und ausblendet.</translation>
    </message>
    <message>
        <source>Content folders</source>
        <translation>Inhaltsordner</translation>
    </message>
    <message>
        <source>Your own folders of Markdown and transcripts, searched beside the bundled content.</source>
        <translation>Ihre eigenen Ordner mit Markdown und Transkripten, die neben den mitgelieferten Inhalten durchsucht werden.</translation>
    </message>
    <message>
        <source>Starter content</source>
        <translation>Startinhalte</translation>
    </message>
    <message>
        <source>Search the starter content that comes with JITL Desktop.</source>
        <translation>Die mit JITL Desktop gelieferten Startinhalte durchsuchen.</translation>
    </message>
    <message>
        <source>Hide when focus is lost</source>
        <translation>Bei Fokusverlust ausblenden</translation>
    </message>
    <message>
        <source>Hide the search window when another window takes the focus.</source>
        <translation>Das Suchfenster ausblenden, wenn ein anderes Fenster den Fokus erhält.</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Start JITL Desktop when you log in.</source>
        <translation>JITL Desktop starten, wenn Sie sich anmelden.</translation>
    </message>
    <message>
        <source>Look at which application is in front to suggest content for it. Window titles and application names never leave this computer and are not stored.</source>
        <translation>Erkennen, welche Anwendung im Vordergrund ist, um passende Inhalte vorzuschlagen. Fenstertitel und Anwendungsnamen verlassen diesen Computer nie und werden nicht gespeichert.</translation>
    </message>
    <message>
        <source>Keep a history of what I open and search</source>
        <translation>Einen Verlauf meiner geöffneten Einträge und Suchen führen</translation>
    </message>
    <message>
        <source>Items you open and searches you make are kept on this computer for Recent, progress and recommendations. Bookmarks and items marked done are always kept.</source>
        <translation>Geöffnete Einträge und Suchen werden auf diesem Computer für „Zuletzt verwendet“, den Fortschritt und Empfehlungen aufbewahrt. Lesezeichen und als erledigt markierte Einträge werden immer aufbewahrt.</translation>
    </message>
    <message>
        <source>Play videos from other servers</source>
        <translation>Videos von anderen Servern abspielen</translation>
    </message>
    <message>
        <source>Let a video that is on a web server (not in the content folders) play when you press Play. Off: such a video is not played, and nothing is fetched from the network for it.</source>
        <translation>Ein Video, das auf einem Webserver liegt (nicht in den Inhaltsordnern), beim Klick auf „Abspielen“ abspielen. Aus: Ein solches Video wird nicht abgespielt und nichts dafür aus dem Netzwerk geladen.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Light or dark windows, or follow the system.</source>
        <translation>Helle oder dunkle Fenster, oder wie das System.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of the windows and the content shown first, as a language tag such as de, fr or pt-BR. Empty: the system&apos;s language.</source>
        <translation>Die Sprache der Fenster und der zuerst gezeigten Inhalte, als Sprachkennung wie de, fr oder pt-BR. Leer: die Sprache des Systems.</translation>
    </message>
</context>
</TS>
