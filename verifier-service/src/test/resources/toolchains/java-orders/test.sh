#!/bin/sh
# compiles into out/ (the reproduce command runs the program from there) and runs the check
set -e
rm -rf out
javac -d out src/main/java/demo/*.java src/test/java/demo/*.java
java -cp out demo.OrdersCheck
