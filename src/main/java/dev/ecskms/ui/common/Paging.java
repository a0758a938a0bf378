package dev.ecskms.ui.common;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;

/** What a table's pager shows and moves: the page index, the page count and the total. */
public interface Paging {
    IntegerProperty pageIndexProperty();

    ReadOnlyIntegerProperty pageCountProperty();

    ReadOnlyIntegerProperty totalCountProperty();
}
