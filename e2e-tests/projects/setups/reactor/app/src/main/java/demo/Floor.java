package demo;

/** A floor plan of rectangular rooms (module app, on top of module shapes). */
public final class Floor {
    private double area;

    public Floor add(Rectangle room) {
        area += room.area();
        return this;
    }

    public double area() {
        return area;
    }
}
