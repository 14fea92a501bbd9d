package dev.pavu.bench.mergesort;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MergeSortTest {

    record Person(String name, int age) {
    }

    @Test
    void emptyList() {
        assertEquals(List.of(), MergeSort.sort(List.<Integer>of(), Comparator.naturalOrder()));
    }

    @Test
    void sortsIntegers() {
        assertEquals(List.of(1, 2, 3, 5, 8, 9),
                MergeSort.sort(List.of(5, 9, 1, 8, 3, 2), Comparator.naturalOrder()));
    }

    @Test
    void sortsDescendingWithAReversedComparator() {
        assertEquals(List.of(9, 4, 4, 1), MergeSort.sort(List.of(4, 1, 9, 4), Comparator.reverseOrder()));
    }

    @Test
    void equalElementsKeepTheirInputOrder() {
        List<Person> people = List.of(new Person("ann", 30), new Person("bob", 25),
                new Person("cid", 30), new Person("dan", 25));
        List<String> byAge = MergeSort.sort(people, Comparator.comparingInt(Person::age))
                .stream().map(Person::name).toList();
        assertEquals(List.of("bob", "dan", "ann", "cid"), byAge);
    }
}
