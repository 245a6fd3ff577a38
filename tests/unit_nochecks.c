/*
 * unit_nochecks.c - a unit program that runs no check at all, as one whose
 * tests were all left out would: unit_finish must fail it (the test
 * unit/no-checks-fails), or a unit test could pass having tested nothing.
 */
#include "unit.h"

int main(void)
{
    return unit_finish("unit_nochecks");
}
