<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ContentProblems</name>
    <message>
        <source>Content problems</source>
        <extracomment>problems listed in ``status --json`` and on the page (the count is always complete) the page&apos;s title and the tray and library entry&apos;s (said in the UI&apos;s language)</extracomment>
        <translation>Problèmes de contenu</translation>
    </message>
    <message>
        <source>No problems: every content file was read.</source>
        <translation>Aucun problème&#xa0;: tous les fichiers de contenu ont été lus.</translation>
    </message>
    <message>
        <source>And %1 more: run `jitl-desktop lint` for all of them.</source>
        <translation>Et %1 de plus&#xa0;: lancez `jitl-desktop lint` pour les voir tous.</translation>
    </message>
    <message>
        <source>These content files have problems: a file with an error is left out of the search until it is fixed. Each line says the file, the line and what is wrong; the list updates when a file is saved.</source>
        <translation>Ces fichiers de contenu posent problème&#xa0;: un fichier comportant une erreur est exclu de la recherche jusqu&apos;à sa correction. Chaque ligne indique le fichier, la ligne et le problème&#xa0;; la liste se met à jour à l&apos;enregistrement d&apos;un fichier.</translation>
    </message>
</context>
<context>
    <name>HotkeyController</name>
    <message>
        <source>JITL Desktop is running.</source>
        <extracomment>one-time messages shown in this run (for ``status``)</extracomment>
        <translation>JITL Desktop est lancé.</translation>
    </message>
    <message>
        <source>JITL Desktop is running</source>
        <translation>JITL Desktop est lancé</translation>
    </message>
    <message>
        <source>Press {combo} in any application to search.</source>
        <translation>Appuyez sur {combo} dans n’importe quelle application pour rechercher.</translation>
    </message>
    <message>
        <source>There is no global hotkey here: &apos;jitl-desktop toggle&apos; opens the search.</source>
        <translation>Aucun raccourci global ici : « jitl-desktop toggle » ouvre la recherche.</translation>
    </message>
    <message>
        <source>The JITL Desktop icon in the system tray opens the library, settings and more.</source>
        <translation>L’icône de JITL Desktop dans la zone de notification ouvre la bibliothèque, les paramètres et plus encore.</translation>
    </message>
    <message>
        <source>There is no system tray here; the library and settings are &apos;jitl-desktop library&apos; and &apos;jitl-desktop settings&apos;.</source>
        <translation>Aucune zone de notification ici ; la bibliothèque et les paramètres s’ouvrent avec « jitl-desktop library » et « jitl-desktop settings ».</translation>
    </message>
    <message>
        <source>press %1 to search</source>
        <translation>appuyez sur %1 pour rechercher</translation>
    </message>
    <message>
        <source>JITL Desktop has no global hotkey</source>
        <translation>JITL Desktop n&apos;a pas de raccourci clavier global</translation>
    </message>
</context>
<context>
    <name>HotkeyRecorder</name>
    <message>
        <source>Press the new combination… (Esc cancels)</source>
        <translation>Appuyez sur la nouvelle combinaison… (Échap pour annuler)</translation>
    </message>
</context>
<context>
    <name>ItemService</name>
    <message>
        <source>This video is on another server; your organisation has not allowed playing remote media</source>
        <extracomment>what the library says instead of playing a video on a web server the settings forbid</extracomment>
        <translation>Cette vidéo se trouve sur un autre serveur&#xa0;; votre organisation n&apos;autorise pas la lecture de médias distants</translation>
    </message>
    <message>
        <source>Link not opened: %1 — there is no item “%2”.</source>
        <extracomment>the video is on a web server: fetched only when the user presses Play why the video may not be played at all (&quot;&quot; when it may); video_url is then None the video&apos;s transcripts by language (``{&quot;en&quot;: cues, &quot;de&quot;: cues}``) when it has more than one; ``cues`` are those in ``transcript_lang``</extracomment>
        <translation>Lien non ouvert&#xa0;: %1 — il n&apos;y a pas d&apos;élément «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Link not opened: %1 — no program on this computer opens it.</source>
        <translation>Lien non ouvert&#xa0;: %1 — aucun programme de cet ordinateur ne l&apos;ouvre.</translation>
    </message>
    <message>
        <source>No video player could open %1.</source>
        <translation>Aucun lecteur vidéo n&apos;a pu ouvrir %1.</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>Next for you</source>
        <extracomment>a content root&apos;s optional file of topic names, and the most of it that is read the topic of items that name none (tldr pages, plain folders of Markdown) lists that are not topics, shown above them</extracomment>
        <translation>À suivre pour vous</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Signets</translation>
    </message>
    <message>
        <source>My learning</source>
        <translation>Mon apprentissage</translation>
    </message>
    <message>
        <source>Other</source>
        <extracomment>up to this many items, the list of items is read as soon as the index is ready (the tray&apos;s topics are there at once); above it, when the tray menu or the library first needs it</extracomment>
        <translation>Autres</translation>
    </message>
    <message>
        <source>**Streak:** %1</source>
        <translation>**Série&#xa0;:** %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) in a row</source>
        <translation>
            <numerusform>%n jour d&apos;affilée</numerusform>
            <numerusform>%n jours d&apos;affilée</numerusform>
        </translation>
    </message>
    <message>
        <source>**Done this week:** %1 (in all: %2)</source>
        <translation>**Terminés cette semaine&#xa0;:** %1 (au total&#xa0;: %2)</translation>
    </message>
    <message>
        <source>**Bookmarks:** %1</source>
        <translation>**Signets&#xa0;:** %1</translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n signet</numerusform>
            <numerusform>%n signets</numerusform>
        </translation>
    </message>
    <message>
        <source>Topics in progress</source>
        <translation>Sujets en cours</translation>
    </message>
    <message>
        <source>%1: %2 of %3 done, up to %4 level</source>
        <translation>%1&#xa0;: %2 sur %3 terminés, jusqu&apos;au niveau «&#xa0;%4&#xa0;»</translation>
    </message>
    <message>
        <source>%1: %2 of %3 done</source>
        <translation>%1&#xa0;: %2 sur %3 terminés</translation>
    </message>
    <message>
        <source>None yet: mark items done in the library or with Ctrl+D in the search window.</source>
        <translation>Aucun pour l&apos;instant&#xa0;: marquez des éléments comme terminés dans la bibliothèque ou avec Ctrl+D dans la fenêtre de recherche.</translation>
    </message>
    <message>
        <source>Topics completed</source>
        <translation>Sujets terminés</translation>
    </message>
    <message>
        <source>Quick checks</source>
        <translation>Quiz rapides</translation>
    </message>
    <message>
        <source>%1: %2 of %3 right</source>
        <translation>%1&#xa0;: %2 bonnes réponses sur %3</translation>
    </message>
    <message>
        <source>Recently opened</source>
        <translation>Ouverts récemment</translation>
    </message>
    <message>
        <source>Opened, not done yet</source>
        <translation>Ouvert, pas encore terminé</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>Any kind</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Any application</source>
        <translation>Toutes les applications</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>Tous les niveaux</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <extracomment>the filters&apos; labels and names for a screen reader</extracomment>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;pp:</source>
        <translation>A&amp;pplication&#xa0;:</translation>
    </message>
    <message>
        <source>Ta&amp;g:</source>
        <translation>Éti&amp;quette&#xa0;:</translation>
    </message>
    <message>
        <source>Le&amp;vel:</source>
        <translation>&amp;Niveau&#xa0;:</translation>
    </message>
    <message>
        <source>Filter by kind</source>
        <translation>Filtrer par type</translation>
    </message>
    <message>
        <source>Filter by application</source>
        <translation>Filtrer par application</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Filtrer par étiquette</translation>
    </message>
    <message>
        <source>Filter by level</source>
        <translation>Filtrer par niveau</translation>
    </message>
    <message>
        <source>Resize the topics and the list</source>
        <extracomment>the item&apos;s video is on a web server and Play has not been pressed yet</extracomment>
        <translation>Redimensionner les thèmes et la liste</translation>
    </message>
    <message>
        <source>Resize the list and the item</source>
        <translation>Redimensionner la liste et l’élément</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Choose an item</source>
        <translation>Choisissez un élément</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Content problems: show the list</source>
        <translation>Problèmes de contenu&#xa0;: afficher la liste</translation>
    </message>
    <message>
        <source>Filter by title…</source>
        <translation>Filtrer par titre…</translation>
    </message>
    <message>
        <source>Filter items by title</source>
        <translation>Filtrer les éléments par titre</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>Effacer le filtre</translation>
    </message>
    <message>
        <source>Number of items listed</source>
        <translation>Nombre d&apos;éléments affichés</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Item title</source>
        <translation>Titre de l&apos;élément</translation>
    </message>
    <message>
        <source>Related and prerequisite items</source>
        <translation>Éléments liés et prérequis</translation>
    </message>
    <message>
        <source>Play video in the system player</source>
        <translation>Lire la vidéo dans le lecteur du système</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Video player message</source>
        <translation>Message du lecteur vidéo</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Lien non ouvert</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Élément</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Ajouter un signet</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Marquer comme terminé</translation>
    </message>
    <message>
        <source>Was this helpful?</source>
        <translation>Cela vous a-t-il aidé&#xa0;?</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>Yes, this was helpful</source>
        <translation>Oui, cela m&apos;a aidé</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>No, this was not helpful</source>
        <translation>Non, cela ne m&apos;a pas aidé</translation>
    </message>
    <message>
        <source>Tell the authors why (optional), then Enter</source>
        <translation>Dites pourquoi aux auteurs (facultatif), puis Entrée</translation>
    </message>
    <message>
        <source>Comment for the authors</source>
        <translation>Commentaire pour les auteurs</translation>
    </message>
    <message>
        <source>Vote recorded</source>
        <translation>Avis enregistré</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Signaler un problème</translation>
    </message>
    <message>
        <source>Done. Check yourself: %1</source>
        <extracomment>the entries listed, in the model&apos;s order</extracomment>
        <translation>Terminé. Testez-vous&#xa0;: %1</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>Signet ajouté</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Thanks, noted.</source>
        <translation>Merci, c&apos;est noté.</translation>
    </message>
    <message>
        <source>Thanks, your comment is saved on this computer.</source>
        <translation>Merci, votre commentaire est enregistré sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Thanks, the item&apos;s owner will see it.</source>
        <translation>Merci, le responsable de l&apos;élément le verra.</translation>
    </message>
    <message>
        <source>All items (%1)</source>
        <translation>Tous les éléments (%1)</translation>
    </message>
    <message>
        <source>%1 (%2/%3 done, %4)</source>
        <translation>%1 (%2/%3 terminés, %4)</translation>
    </message>
    <message>
        <source>%1 (%2/%3 done)</source>
        <translation>%1 (%2/%3 terminés)</translation>
    </message>
    <message>
        <source>First: %1</source>
        <translation>D&apos;abord&#xa0;: %1</translation>
    </message>
    <message>
        <source>Related: %1</source>
        <translation>Voir aussi&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n élément</numerusform>
            <numerusform>%n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>No items match these filters.</source>
        <translation>Aucun élément ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>This video is on another server (%1); it is fetched only when you press Play.</source>
        <translation>Cette vidéo se trouve sur un autre serveur (%1)&#xa0;; elle n&apos;est téléchargée que lorsque vous cliquez sur «&#xa0;Lire&#xa0;».</translation>
    </message>
    <message>
        <source>no video player</source>
        <translation>aucun lecteur vidéo</translation>
    </message>
    <message>
        <source>%1. Use “Play” to open it in your system&apos;s video player (skip to %2).</source>
        <translation>%1. Cliquez sur «&#xa0;Lire&#xa0;» pour l&apos;ouvrir dans le lecteur vidéo du système (allez à %2).</translation>
    </message>
    <message>
        <source>%1. Use “Play” to open it in your system&apos;s video player.</source>
        <translation>%1. Cliquez sur «&#xa0;Lire&#xa0;» pour l&apos;ouvrir dans le lecteur vidéo du système.</translation>
    </message>
    <message>
        <source>Play from %1</source>
        <translation>Lire à partir de %1</translation>
    </message>
</context>
<context>
    <name>OverlayController</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Link not opened: %1 — links cannot be followed here.</source>
        <translation>Lien non ouvert&#xa0;: %1 — les liens ne peuvent pas être suivis ici.</translation>
    </message>
    <message>
        <source>No app context</source>
        <translation>Pas de contexte d&apos;application</translation>
    </message>
    <message>
        <source>this application</source>
        <translation>cette application</translation>
    </message>
    <message>
        <source>In: %1</source>
        <translation>Dans&#xa0;: %1</translation>
    </message>
    <message>
        <source>Search without it (Backspace)</source>
        <translation>Rechercher sans (Retour arrière)</translation>
    </message>
    <message>
        <source>Enter plays the video from here.</source>
        <translation>Entrée lit la vidéo à partir d&apos;ici.</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>Signet ajouté</translation>
    </message>
    <message>
        <source>Bookmark removed</source>
        <translation>Signet retiré</translation>
    </message>
    <message>
        <source>Marked done</source>
        <translation>Marqué comme terminé</translation>
    </message>
    <message>
        <source>No longer marked done</source>
        <translation>N&apos;est plus marqué comme terminé</translation>
    </message>
    <message>
        <source>Thanks: noted as helpful</source>
        <translation>Merci&#xa0;: noté comme utile</translation>
    </message>
    <message>
        <source>Thanks: noted as not helpful</source>
        <translation>Merci&#xa0;: noté comme peu utile</translation>
    </message>
    <message>
        <source>Not saved yet: %1. It is kept and saved as soon as possible.</source>
        <translation>Pas encore enregistré&#xa0;: %1. C&apos;est conservé et enregistré dès que possible.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Copié&#xa0;: %1</translation>
    </message>
    <message>
        <source>No app context: %1.</source>
        <translation>Pas de contexte d&apos;application&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Récents</translation>
    </message>
    <message>
        <source>Type two or three words: &lt;i&gt;unzip file&lt;/i&gt;, &lt;i&gt;undo commit&lt;/i&gt;, &lt;i&gt;freeze header row&lt;/i&gt;.</source>
        <translation>Tapez deux ou trois mots&#xa0;: &lt;i&gt;décompresser fichier&lt;/i&gt;, &lt;i&gt;annuler commit&lt;/i&gt;, &lt;i&gt;figer ligne d&apos;en-tête&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>Showing results for %1 (you typed %2).</source>
        <translation>Résultats pour %1 (vous avez tapé %2).</translation>
    </message>
    <message>
        <source>Nothing here answers %1. The closest:</source>
        <translation>Rien ici ne répond à %1. Les plus proches&#xa0;:</translation>
    </message>
    <message>
        <source>search without the app context</source>
        <translation>rechercher sans le contexte d&apos;application</translation>
    </message>
    <message>
        <source>allow typos</source>
        <translation>accepter les fautes de frappe</translation>
    </message>
    <message>
        <source>Try %1 or %2.</source>
        <translation>Essayez&#xa0;: %1 ou %2.</translation>
    </message>
    <message>
        <source>Try %1.</source>
        <translation>Essayez&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Try fewer or other words.</source>
        <translation>Essayez moins de mots ou d&apos;autres mots.</translation>
    </message>
    <message>
        <source>No results for %1.</source>
        <translation>Aucun résultat pour %1.</translation>
    </message>
</context>
<context>
    <name>OverlayWindow</name>
    <message>
        <source>Search</source>
        <extracomment>after present() activated the overlay itself, a deactivation this soon (s) is Qt&apos;s own late bookkeeping, not the user leaving the window the search window&apos;s size where the screen has room for it when it last became the active window (epoch), the last key (perf_counter) when present() activated the window itself (monotonic), see there what was last announced to screen readers (newest last)</extracomment>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>JITL Desktop search</source>
        <translation>Recherche JITL Desktop</translation>
    </message>
    <message>
        <source>Type words; Up and Down choose a result, Enter opens it, Escape closes</source>
        <translation>Tapez des mots&#xa0;; Haut et Bas choisissent un résultat, Entrée l&apos;ouvre, Échap ferme</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>Type two or three words…</source>
        <translation>Tapez deux ou trois mots…</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Indication</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Aucun résultat</translation>
    </message>
    <message numerus="yes">
        <source>No good match, %n result(s)</source>
        <translation>
            <numerusform>Aucune bonne correspondance, %n résultat</numerusform>
            <numerusform>Aucune bonne correspondance, %n résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>{position} of {count}: {row}</source>
        <translation>{position} sur {count} : {row}</translation>
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
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Question %1: %2</source>
        <translation>Question %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Answer %1 to question %2</source>
        <translation>Réponse %1 à la question %2</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <source>Answer to question %1</source>
        <translation>Réponse à la question %1</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Check the answer to question %1</source>
        <translation>Vérifier la réponse à la question %1</translation>
    </message>
    <message>
        <source>Shows whether the answer is right, and why</source>
        <translation>Indique si la réponse est juste, et pourquoi</translation>
    </message>
    <message>
        <source>Feedback on question %1</source>
        <translation>Retour sur la question %1</translation>
    </message>
    <message>
        <source>Choose or type an answer first.</source>
        <translation>Choisissez ou tapez d&apos;abord une réponse.</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>Juste.</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>Pas tout à fait.</translation>
    </message>
    <message>
        <source>The answer: %1.</source>
        <translation>La réponse&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>QuizView</name>
    <message>
        <source>Quick check</source>
        <translation>Quiz rapide</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>%1 of %2 right so far — all answered.</source>
        <translation>%1 sur %2 justes — toutes les questions ont une réponse.</translation>
    </message>
    <message>
        <source>%1 of %2 right so far.</source>
        <translation>%1 sur %2 justes pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Last time: %1 of %2 right.</source>
        <translation>La dernière fois&#xa0;: %1 sur %2 justes.</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s), about a minute.</source>
        <translation>
            <numerusform>%n question, environ une minute.</numerusform>
            <numerusform>%n questions, environ une minute.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportProblemDialog</name>
    <message>
        <source>Report a problem</source>
        <translation>Signaler un problème</translation>
    </message>
    <message>
        <source>What is wrong with “%1”?</source>
        <translation>Qu&apos;est-ce qui ne va pas dans «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>What should change? (optional)</source>
        <translation>Que faudrait-il changer&#xa0;? (facultatif)</translation>
    </message>
    <message>
        <source>Comment for the item&apos;s owner</source>
        <translation>Commentaire pour le responsable de l&apos;élément</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
</context>
<context>
    <name>RowDelegate</name>
    <message>
        <source>bookmarked</source>
        <translation>avec signet</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>there is no setting &apos;%1&apos;</source>
        <extracomment>applies a new value outside the app; returns None, or why it could not</extracomment>
        <translation>le paramètre «&#xa0;%1&#xa0;» n&apos;existe pas</translation>
    </message>
    <message>
        <source>%1 is managed by your organisation.</source>
        <translation>«&#xa0;%1&#xa0;» est géré par votre organisation.</translation>
    </message>
    <message>
        <source>Start at login is set for every user by your organisation (%1); it cannot be turned off here.</source>
        <translation>Le lancement à l&apos;ouverture de session est défini pour tous les utilisateurs par votre organisation (%1)&#xa0;; il ne peut pas être désactivé ici.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Managed by your organisation</source>
        <translation>Géré par votre organisation</translation>
    </message>
    <message>
        <source>&amp;Starter content</source>
        <extracomment>the check boxes&apos; texts with their keyboard mnemonics (Alt+letter); their names for a screen reader and their tooltips are the settings&apos; labels and descriptions</extracomment>
        <translation>Contenu de dé&amp;marrage</translation>
    </message>
    <message>
        <source>&amp;Hide when focus is lost</source>
        <translation>Masquer en cas de perte du f&amp;ocus</translation>
    </message>
    <message>
        <source>Start at &amp;login</source>
        <translation>Lancer à l&apos;ouverture de &amp;session</translation>
    </message>
    <message>
        <source>Su&amp;ggest for the application in use</source>
        <translation>Su&amp;ggérer du contenu pour l&apos;application utilisée</translation>
    </message>
    <message>
        <source>&amp;Keep a history of what I open and search</source>
        <translation>&amp;Conserver un historique de ce que j&apos;ouvre et recherche</translation>
    </message>
    <message>
        <source>Play videos from other servers</source>
        <translation>Lire les vidéos d&apos;autres serveurs</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Problems with the settings</source>
        <translation>Problèmes dans les paramètres</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Clavier</translation>
    </message>
    <message>
        <source>Hotkey: click, then press the new combination</source>
        <translation>Raccourci clavier&#xa0;: cliquez, puis appuyez sur la nouvelle combinaison</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>Par &amp;défaut</translation>
    </message>
    <message>
        <source>Use the default hotkey</source>
        <translation>Utiliser le raccourci clavier par défaut</translation>
    </message>
    <message>
        <source>Hotkey message</source>
        <translation>Message sur le raccourci clavier</translation>
    </message>
    <message>
        <source>Show or hide the search &amp;window:</source>
        <translation>Afficher ou masquer la &amp;fenêtre de recherche&#xa0;:</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Your content folders</source>
        <translation>Vos dossiers de contenu</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>&amp;Ajouter un dossier…</translation>
    </message>
    <message>
        <source>Add a content folder</source>
        <translation>Ajouter un dossier de contenu</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Remove the selected content folder</source>
        <translation>Retirer le dossier de contenu sélectionné</translation>
    </message>
    <message>
        <source>Reindex &amp;now</source>
        <translation>Réi&amp;ndexer maintenant</translation>
    </message>
    <message>
        <source>Rebuild the search index</source>
        <translation>Reconstruire l&apos;index de recherche</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>Progression de l&apos;indexation</translation>
    </message>
    <message>
        <source>Index state</source>
        <translation>État de l&apos;index</translation>
    </message>
    <message>
        <source>Content folders message</source>
        <translation>Message sur les dossiers de contenu</translation>
    </message>
    <message>
        <source>Behaviour and appearance</source>
        <translation>Comportement et apparence</translation>
    </message>
    <message>
        <source>Start at login message</source>
        <translation>Message sur le lancement à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème&#xa0;:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>History message</source>
        <translation>Message sur l&apos;historique</translation>
    </message>
    <message>
        <source>E&amp;xport history…</source>
        <translation>E&amp;xporter l&apos;historique…</translation>
    </message>
    <message>
        <source>Export the history to a file</source>
        <translation>Exporter l&apos;historique dans un fichier</translation>
    </message>
    <message>
        <source>&amp;Clear history…</source>
        <translation>&amp;Effacer l&apos;historique…</translation>
    </message>
    <message>
        <source>Clear the history</source>
        <translation>Effacer l&apos;historique</translation>
    </message>
    <message>
        <source>Learning records</source>
        <translation>Traces d&apos;apprentissage</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <source>Privacy (nothing leaves this computer)</source>
        <translation>Confidentialité (rien ne quitte cet ordinateur)</translation>
    </message>
    <message>
        <source>Learning records (what you open, search, mark and answer, under a pseudonym) are sent to %1. %2.</source>
        <translation>Les traces d&apos;apprentissage (ce que vous ouvrez, recherchez, marquez et répondez, sous un pseudonyme) sont envoyées à %1. %2.</translation>
    </message>
    <message>
        <source>Learning records are kept on this computer only.</source>
        <translation>Les traces d&apos;apprentissage restent uniquement sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Effacer l&apos;historique</translation>
    </message>
    <message>
        <source>Forget every item opened, search, bookmark, done mark, vote and quiz answer on this computer?</source>
        <translation>Oublier tous les éléments ouverts, recherches, signets, marques «&#xa0;terminé&#xa0;», avis et réponses aux quiz sur cet ordinateur&#xa0;?</translation>
    </message>
    <message>
        <source>%1: started at login for every user (%2).</source>
        <translation>%1&#xa0;: lancé à l&apos;ouverture de session pour tous les utilisateurs (%2).</translation>
    </message>
    <message>
        <source>%1: personal content folders are not allowed on this computer.</source>
        <translation>%1&#xa0;: les dossiers de contenu personnels ne sont pas autorisés sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Indexation…</translation>
    </message>
    <message>
        <source>Indexing… %1 of %2 files read</source>
        <translation>Indexation… %1 fichiers lus sur %2</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) with problems (run &apos;jitl-desktop lint&apos; for details)</source>
        <translation>
            <numerusform>%n fichier avec des problèmes (détails avec «&#xa0;jitl-desktop lint&#xa0;»)</numerusform>
            <numerusform>%n fichiers avec des problèmes (détails avec «&#xa0;jitl-desktop lint&#xa0;»)</numerusform>
        </translation>
    </message>
    <message>
        <source>Index up to date: %1 added, %2 changed, %3 removed in %4 s%5.</source>
        <translation>Index à jour&#xa0;: %1 ajoutés, %2 modifiés, %3 retirés en %4&#xa0;s%5.</translation>
    </message>
    <message>
        <source>Indexing failed: %1</source>
        <translation>Échec de l&apos;indexation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <source>Loading…</source>
        <extracomment>items listed under one topic in the tray before &quot;All N items…&quot; entries of the tray&apos;s Bookmarks and Suggested submenus the menu&apos;s words in the language installed (said each time the menu opens)</extracomment>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Open the library…</source>
        <translation>Ouvrir la bibliothèque…</translation>
    </message>
    <message>
        <source>Suggested for %1</source>
        <translation>Suggestions pour %1</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <source>Browse topics</source>
        <translation>Parcourir les sujets</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Récents</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Signets</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Indexation…</translation>
    </message>
    <message>
        <source>Reindex content</source>
        <translation>Réindexer le contenu</translation>
    </message>
    <message>
        <source>About JITL Desktop</source>
        <translation>À propos de JITL Desktop</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>All %1 items…</source>
        <translation>Les %1 éléments…</translation>
    </message>
    <message>
        <source>this application</source>
        <translation>cette application</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <source>not a video format this player can decode</source>
        <extracomment>how far Left/Right seek, in milliseconds after the user scrolls the transcript by hand, playback leaves it where it is this long languages by their own names, as a transcript&apos;s language is offered (Qt&apos;s own names of a bare language name a country too: &quot;American English&quot;) what Qt&apos;s terse error strings mean for the user, by QMediaPlayer.Error name</extracomment>
        <translation>format vidéo que ce lecteur ne sait pas décoder</translation>
    </message>
    <message>
        <source>a network problem</source>
        <translation>un problème réseau</translation>
    </message>
    <message>
        <source>no permission to read it</source>
        <translation>pas d&apos;autorisation de lecture</translation>
    </message>
    <message>
        <source>Video player</source>
        <extracomment>where chapters start (ms), drawn as marks on the groove a seek asked for before the media could take it (ms) the position the slider and the time show (ms)</extracomment>
        <translation>Lecteur vidéo</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Player message</source>
        <translation>Message du lecteur</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>Chapitres</translation>
    </message>
    <message>
        <source>Enter or a click plays from the chapter</source>
        <translation>Entrée ou un clic lit à partir du chapitre</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Transcript language</source>
        <translation>Langue de la transcription</translation>
    </message>
    <message>
        <source>Transcript:</source>
        <translation>Transcription :</translation>
    </message>
    <message>
        <source>the file is not a video this player can decode</source>
        <translation>le fichier n&apos;est pas une vidéo que ce lecteur sait décoder</translation>
    </message>
    <message>
        <source>the file does not exist (%1)</source>
        <translation>le fichier n&apos;existe pas (%1)</translation>
    </message>
    <message>
        <source>Cannot play %1 here: %2</source>
        <translation>Impossible de lire %1 ici&#xa0;: %2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pause (Espace)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Lire (Espace)</translation>
    </message>
    <message>
        <source>%1, at %2</source>
        <translation>%1, à %2</translation>
    </message>
    <message>
        <source>Play from %1</source>
        <translation>Lire à partir de %1</translation>
    </message>
</context>
<context>
    <name>Why</name>
    <message>
        <source>For %1</source>
        <extracomment>why an item is listed, as core/ words it (recommend.py, search.py), and its source string for the translation</extracomment>
        <translation>Pour %1</translation>
    </message>
    <message>
        <source>More in %1</source>
        <translation>Plus dans %1</translation>
    </message>
    <message>
        <source>Check yourself on “%1”</source>
        <translation>Testez-vous sur «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Check yourself</source>
        <translation>Testez-vous</translation>
    </message>
    <message>
        <source>Next after “%1”</source>
        <translation>À suivre après «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Related to “%1”, which you found helpful</source>
        <translation>Lié à «&#xa0;%1&#xa0;», qui vous a aidé</translation>
    </message>
    <message>
        <source>Related to “%1”, which you have done</source>
        <translation>Lié à «&#xa0;%1&#xa0;», que vous avez terminé</translation>
    </message>
    <message>
        <source>Related to “%1”, which you looked at</source>
        <translation>Lié à «&#xa0;%1&#xa0;», que vous avez consulté</translation>
    </message>
    <message>
        <source>at your level</source>
        <translation>à votre niveau</translation>
    </message>
    <message numerus="yes">
        <source>chosen by %n colleague(s) for similar searches</source>
        <translation>
            <numerusform>choisi par %n collègue pour des recherches semblables</numerusform>
            <numerusform>choisi par %n collègues pour des recherches semblables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>About JITL Desktop</source>
        <translation>À propos de JITL Desktop</translation>
    </message>
    <message>
        <source>Just-in-time learning on the desktop.</source>
        <translation>Apprendre au bon moment, sur le bureau.</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <source>guide</source>
        <translation>guide</translation>
    </message>
    <message>
        <source>snippet</source>
        <translation>extrait</translation>
    </message>
    <message>
        <source>video</source>
        <translation>vidéo</translation>
    </message>
    <message>
        <source>link</source>
        <translation>lien</translation>
    </message>
    <message>
        <source>quiz</source>
        <translation>quiz rapide</translation>
    </message>
    <message>
        <source>quick check</source>
        <extracomment>the kinds as a screen reader says them (translated in the context &quot;kinds&quot;)</extracomment>
        <translation>quiz rapide</translation>
    </message>
</context>
<context>
    <name>levels</name>
    <message>
        <source>beginner</source>
        <translation>débutant</translation>
    </message>
    <message>
        <source>intermediate</source>
        <translation>intermédiaire</translation>
    </message>
    <message>
        <source>advanced</source>
        <translation>avancé</translation>
    </message>
</context>
<context>
    <name>notices</name>
    <message>
        <source>Content may be out of date</source>
        <extracomment>notices other parts send in English (``services/updates.py``), said when shown</extracomment>
        <translation>Le contenu n&apos;est peut-être pas à jour</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>It is &amp;outdated</source>
        <extracomment>what the user may say is wrong, one button each (``core/xapi.py`` PROBLEM_KINDS)</extracomment>
        <translation>Le contenu est &amp;obsolète</translation>
    </message>
    <message>
        <source>Something in it is &amp;wrong</source>
        <translation>Quelque chose est &amp;faux</translation>
    </message>
    <message>
        <source>A &amp;step is missing</source>
        <translation>Il manque une é&amp;tape</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Suggest for the application in use</source>
        <translation>Suggérer du contenu pour l&apos;application utilisée</translation>
    </message>
    <message>
        <source>Hotkey</source>
        <translation>Raccourci clavier</translation>
    </message>
    <message>
        <source>Global key combination that shows and hides the search window.</source>
        <translation>Combinaison de touches globale qui affiche et masque la fenêtre de recherche.</translation>
    </message>
    <message>
        <source>Content folders</source>
        <translation>Dossiers de contenu</translation>
    </message>
    <message>
        <source>Your own folders of Markdown and transcripts, searched beside the bundled content.</source>
        <translation>Vos propres dossiers de Markdown et de transcriptions, explorés en plus du contenu fourni.</translation>
    </message>
    <message>
        <source>Starter content</source>
        <translation>Contenu de démarrage</translation>
    </message>
    <message>
        <source>Search the starter content that comes with JITL Desktop.</source>
        <translation>Rechercher dans le contenu de démarrage fourni avec JITL Desktop.</translation>
    </message>
    <message>
        <source>Hide when focus is lost</source>
        <translation>Masquer en cas de perte du focus</translation>
    </message>
    <message>
        <source>Hide the search window when another window takes the focus.</source>
        <translation>Masquer la fenêtre de recherche lorsqu&apos;une autre fenêtre prend le focus.</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Lancer à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Start JITL Desktop when you log in.</source>
        <translation>Lancer JITL Desktop lorsque vous ouvrez une session.</translation>
    </message>
    <message>
        <source>Look at which application is in front to suggest content for it. Window titles and application names never leave this computer and are not stored.</source>
        <translation>Repérer l&apos;application au premier plan pour suggérer du contenu adapté. Les titres de fenêtres et les noms d&apos;applications ne quittent jamais cet ordinateur et ne sont pas conservés.</translation>
    </message>
    <message>
        <source>Keep a history of what I open and search</source>
        <translation>Conserver un historique de ce que j&apos;ouvre et recherche</translation>
    </message>
    <message>
        <source>Items you open and searches you make are kept on this computer for Recent, progress and recommendations. Bookmarks and items marked done are always kept.</source>
        <translation>Les éléments ouverts et les recherches sont conservés sur cet ordinateur pour «&#xa0;Récents&#xa0;», la progression et les recommandations. Les signets et les éléments marqués comme terminés sont toujours conservés.</translation>
    </message>
    <message>
        <source>Play videos from other servers</source>
        <translation>Lire les vidéos d&apos;autres serveurs</translation>
    </message>
    <message>
        <source>Let a video that is on a web server (not in the content folders) play when you press Play. Off: such a video is not played, and nothing is fetched from the network for it.</source>
        <translation>Lire une vidéo située sur un serveur web (hors des dossiers de contenu) lorsque vous cliquez sur «&#xa0;Lire&#xa0;». Désactivé&#xa0;: une telle vidéo n&apos;est pas lue et rien n&apos;est téléchargé pour elle.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Light or dark windows, or follow the system.</source>
        <translation>Fenêtres claires ou sombres, ou comme le système.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The language of the windows and the content shown first, as a language tag such as de, fr or pt-BR. Empty: the system&apos;s language.</source>
        <translation>La langue des fenêtres et du contenu affiché en priorité, sous forme d&apos;étiquette de langue comme de, fr ou pt-BR. Vide&#xa0;: la langue du système.</translation>
    </message>
</context>
</TS>
