package demo;

/** An axis-aligned rectangle. */
public record Rectangle(double width, double height) {

    public double area() {
        return width * width;
    }

    public double perimeter() {
        return 2 * (width + height);
    }

    public boolean isSquare() {
        return width == height;
    }
}
