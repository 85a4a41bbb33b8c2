<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>jitl</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation><numerusform>%n item</numerusform><numerusform>%n items</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation><numerusform>%n bookmark</numerusform><numerusform>%n bookmarks</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>streak %n day(s)</source>
        <translation><numerusform>streak %n day</numerusform><numerusform>streak %n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) in a row</source>
        <translation><numerusform>%n day in a row</numerusform><numerusform>%n days in a row</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation><numerusform>%n result</numerusform><numerusform>%n results</numerusform></translation>
    </message>
</context>
</TS>
