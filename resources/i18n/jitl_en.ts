<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>LibraryController</name>
    <message numerus="yes">
        <source>%n day(s) in a row</source>
        <translation>
            <numerusform>%n day in a row</numerusform>
            <numerusform>%n days in a row</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n bookmark</numerusform>
            <numerusform>%n bookmarks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverlayWindow</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No good match, %n result(s)</source>
        <translation>
            <numerusform>No good match, %n result</numerusform>
            <numerusform>No good match, %n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuizView</name>
    <message numerus="yes">
        <source>%n question(s), about a minute.</source>
        <translation>
            <numerusform>%n question, about a minute.</numerusform>
            <numerusform>%n questions, about a minute.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>%n file(s) with problems (run &apos;jitl-desktop lint&apos; for details)</source>
        <translation>
            <numerusform>%n file with problems (run &apos;jitl-desktop lint&apos; for details)</numerusform>
            <numerusform>%n files with problems (run &apos;jitl-desktop lint&apos; for details)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Why</name>
    <message numerus="yes">
        <source>chosen by %n colleague(s) for similar searches</source>
        <translation>
            <numerusform>chosen by %n colleague for similar searches</numerusform>
            <numerusform>chosen by %n colleagues for similar searches</numerusform>
        </translation>
    </message>
</context>
</TS>
